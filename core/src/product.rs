//! Facts about the product that both the app and the proxy show to people.

use crate::i18n::{shell, Lang};

/// The name shown in the page title, the header and the proxy's start-up banner.
pub const PRODUCT_NAME: &str = "Workspace Login Records";

/// The API this product reads, as Huawei's documentation names it.
pub const API_NAME: &str = "Querying Login Information";

/// The method and path template of that API.
pub const API_PATH_TEMPLATE: &str = "GET /v2/{project_id}/connections/desktops";

/// The document title for a view, in `lang`: the product name alone, or
/// `"{view} · {product}"` so a browser tab full of these still says which view each one is.
pub fn document_title(lang: Lang, view: Option<&str>) -> String {
    let product = shell::PRODUCT_NAME.get(lang);
    match view.map(str::trim).filter(|v| !v.is_empty()) {
        Some(view) => shell::TITLE_WITH_VIEW.fill(lang, &[view, product]),
        None => product.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_without_a_view_is_the_product_name() {
        assert_eq!(document_title(Lang::En, None), "Workspace Login Records");
        assert_eq!(
            document_title(Lang::En, Some("   ")),
            "Workspace Login Records"
        );
        assert_eq!(document_title(Lang::Zh, None), "云桌面登录记录");
    }

    #[test]
    fn title_with_a_view_puts_the_view_first() {
        assert_eq!(
            document_title(Lang::En, Some(" Records ")),
            "Records · Workspace Login Records"
        );
        assert_eq!(
            document_title(Lang::Zh, Some("记录")),
            "记录 · 云桌面登录记录"
        );
    }
}
