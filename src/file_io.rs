//! Files in and out of the browser: saving an export (a Blob behind a temporary link) and
//! reading a file the user picked. Browser I/O, so it lives at the edge with `fetch.rs`.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Offers `contents` as a download named `file_name`.
pub fn save(file_name: &str, mime: &str, contents: &str) -> Result<(), String> {
    let fail = |what: &str| format!("could not save {file_name}: {what}");
    let window = web_sys::window().ok_or_else(|| fail("no window"))?;
    let document = window.document().ok_or_else(|| fail("no document"))?;
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| fail("the browser refused to create the file"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| fail("the browser refused a download link"))?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| fail("no link element"))?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // The click has started the download; the object URL is no longer needed.
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Reads a picked file as UTF-8 text.
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|value| value.as_string())
        .ok_or_else(|| format!("could not read {}", file.name()))
}
