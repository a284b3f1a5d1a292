//! Facts about the product that both the app and the proxy show to people.

/// The name shown in the page title, the header and the proxy's start-up banner.
pub const PRODUCT_NAME: &str = "Workspace Login Records";

/// The API this product reads, as Huawei's documentation names it.
pub const API_NAME: &str = "Querying Login Information";

/// The method and path template of that API.
pub const API_PATH_TEMPLATE: &str = "GET /v2/{project_id}/connections/desktops";

/// The document title for a view: the product name alone, or `"{view} · {product}"` so a
/// browser tab full of these still says which view each one is.
pub fn document_title(view: Option<&str>) -> String {
    match view.map(str::trim).filter(|v| !v.is_empty()) {
        Some(view) => format!("{view} · {PRODUCT_NAME}"),
        None => PRODUCT_NAME.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_without_a_view_is_the_product_name() {
        assert_eq!(document_title(None), "Workspace Login Records");
        assert_eq!(document_title(Some("   ")), "Workspace Login Records");
    }

    #[test]
    fn title_with_a_view_puts_the_view_first() {
        assert_eq!(
            document_title(Some(" Records ")),
            "Records · Workspace Login Records"
        );
    }
}
