//! Which languages exist: the organizer checker warns about a text in a language no reader has
//! (`"dr"` for `"de"`), since nobody's browser would ever ask for it.

/// The ISO 639-1 two-letter codes, the ones browsers send for nearly every reader.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Whether the language of `code` (`de`, `pt-BR`) is one readers can have. Three-letter codes
/// (ISO 639-3, thousands of them) are taken on trust.
pub fn is_known_language(code: &str) -> bool {
    let primary = code.split('-').next().unwrap_or("");
    primary.len() == 3 || ISO_639_1.split(' ').any(|known| known == primary)
}

/// The known two-letter code `code` was probably meant to be (`dr` → `de`), if one is close.
pub fn closest_language(code: &str) -> Option<&'static str> {
    let primary = code.split('-').next().unwrap_or("");
    // The interface languages first: a German or English event's typo is most likely theirs.
    // Two letters are two edits from almost any code: only one-letter slips are worth naming.
    ["de", "en"]
        .into_iter()
        .chain(ISO_639_1.split(' '))
        .find(|near| crate::suggest::distance(primary, near) == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_languages_are_known_and_typos_are_not() {
        for code in ["de", "en", "pt-BR", "zh-Hant", "gsw"] {
            assert!(is_known_language(code), "{code}");
        }
        for code in ["dr", "xx", "qq-DE"] {
            assert!(!is_known_language(code), "{code}");
        }
        assert_eq!(closest_language("dr"), Some("de"));
        assert_eq!(closest_language("em"), Some("en"));
    }
}
