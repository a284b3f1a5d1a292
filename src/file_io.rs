//! Files in and out of the browser: saving an export (a Blob behind a temporary link) and
//! reading a file the user picked. Browser I/O, so it lives at the edge with `fetch.rs`.

use logins_core::i18n::{table as text, Lang};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// A file the browser would not save or read, by name; said in the language of the moment it
/// is shown ([`FileProblem::message`]), so it is data, not a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    Save(String),
    Read(String),
}

impl FileProblem {
    /// The file's name (the user's own text).
    pub fn file(&self) -> &str {
        match self {
            FileProblem::Save(name) | FileProblem::Read(name) => name,
        }
    }

    /// The message template: `{0}` is the file.
    pub fn text(&self) -> logins_core::i18n::Text {
        match self {
            FileProblem::Save(_) => text::COULD_NOT_SAVE,
            FileProblem::Read(_) => text::COULD_NOT_READ,
        }
    }

    /// "could not save login-records….csv" in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        self.text().fill(lang, &[self.file()])
    }
}

/// Offers `contents` as a download named `file_name`.
pub fn save(file_name: &str, mime: &str, contents: &str) -> Result<(), FileProblem> {
    let fail = |_| FileProblem::Save(file_name.to_owned());
    let window = web_sys::window().ok_or(()).map_err(fail)?;
    let document = window.document().ok_or(()).map_err(fail)?;
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| fail(()))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail(()))?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| fail(()))?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // The click has started the download; the object URL is no longer needed.
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Reads a picked file as UTF-8 text.
pub async fn read_text(file: &web_sys::File) -> Result<String, FileProblem> {
    JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|value| value.as_string())
        .ok_or_else(|| FileProblem::Read(file.name()))
}
