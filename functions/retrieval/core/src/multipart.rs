//! `multipart/form-data` document uploads: a `file` part (`.txt`, `.md`, `.html`), an optional
//! `title`, and metadata as a `metadata` JSON object and/or `metadata.<key>` fields.
//!
//! Parsing is `multer`'s (the parser axum uses). It reads a stream; the whole body is already
//! in memory (the host buffers it within the size limit), so it is handed over as one chunk and
//! the futures complete on their first poll.

// `ApiError` is deliberately a plain struct with public fields (api-kit).
#![allow(clippy::result_large_err)]

use std::convert::Infallible;

use api_kit::ApiError;
use bytes::Bytes;
use serde_json::{json, Map, Value as Json};

use crate::extract::ContentType;
use crate::service::{parse_content_type, parse_metadata, NewDocument, MAX_DOCUMENT_BYTES};

/// Fields other than the file are short; this bounds what one of them may hold.
const MAX_FIELD_BYTES: usize = 64 * 1024;

/// Whether a request's Content-Type is `multipart/form-data` (parameters aside).
pub fn is_multipart(content_type: &str) -> bool {
    content_type
        .split(';')
        .next()
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("multipart/form-data"))
}

fn malformed(message: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        400,
        "malformed_multipart",
        format!("the multipart body cannot be read: {message}"),
    )
}

fn invalid(path: &str, message: impl Into<String>) -> ApiError {
    ApiError::unprocessable("invalid_request", message).with_details(json!({ "path": path }))
}

fn utf8(bytes: Bytes, part: &str) -> Result<String, ApiError> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        ApiError::new(400, "invalid_utf8", format!("the {part} part is not valid UTF-8"))
            .with_details(json!({ "part": part, "byte_offset": e.utf8_error().valid_up_to() }))
    })
}

/// The file's type: the part's own Content-Type when it names one of ours, else (absent, or
/// the `application/octet-stream` browsers send for unknown extensions) the file name's
/// extension; anything else is a 415.
fn file_type(part_type: Option<&str>, file_name: Option<&str>) -> Result<ContentType, ApiError> {
    match part_type.map(str::trim) {
        Some(t) if !t.is_empty() && !t.to_ascii_lowercase().starts_with("application/octet-stream") => {
            parse_content_type(t)
        }
        _ => match file_name {
            Some(name) => ContentType::from_file_name(name).ok_or_else(|| {
                ApiError::unsupported_media_type(format!(
                    "file {name:?} is not a supported type; upload .txt, .md or .html"
                ))
                .with_details(json!({ "supported": [".txt", ".md", ".markdown", ".html", ".htm"] }))
            }),
            None => Err(ApiError::unsupported_media_type(
                "the file part has neither a Content-Type nor a file name with an extension",
            )
            .with_details(json!({ "supported": ["text/plain", "text/markdown", "text/html"] }))),
        },
    }
}

/// A document from a `multipart/form-data` body; `content_type` is the request's header (it
/// carries the boundary).
pub fn parse_upload(content_type: &str, body: Vec<u8>) -> Result<NewDocument, ApiError> {
    let boundary = multer::parse_boundary(content_type).map_err(malformed)?;
    let stream = futures_util::stream::once(async move { Ok::<Bytes, Infallible>(Bytes::from(body)) });
    let mut form = multer::Multipart::new(stream, boundary);
    futures_executor::block_on(async move {
        let mut file: Option<(String, ContentType, Option<String>)> = None;
        let mut title: Option<String> = None;
        let mut metadata = Map::new();
        let mut fields = Map::new();
        let mut parts = 0;
        while let Some(field) = form.next_field().await.map_err(malformed)? {
            parts += 1;
            let name = field
                .name()
                .map(str::to_string)
                .ok_or_else(|| malformed("a part has no name in its Content-Disposition"))?;
            if name == "file" {
                if file.is_some() {
                    return Err(invalid("file", "upload one file per request"));
                }
                let kind = file_type(
                    field.content_type().map(|m| m.as_ref()),
                    field.file_name(),
                )?;
                let file_name = field.file_name().map(str::to_string);
                let bytes = field.bytes().await.map_err(malformed)?;
                if bytes.len() > MAX_DOCUMENT_BYTES {
                    return Err(ApiError::payload_too_large(MAX_DOCUMENT_BYTES as u64));
                }
                file = Some((utf8(bytes, "file")?, kind, file_name));
                continue;
            }
            let bytes = field.bytes().await.map_err(malformed)?;
            if bytes.len() > MAX_FIELD_BYTES {
                return Err(invalid(
                    &name,
                    format!("a field other than the file holds at most {MAX_FIELD_BYTES} bytes"),
                ));
            }
            let value = utf8(bytes, &name)?;
            if name == "title" {
                title = Some(value);
            } else if name == "metadata" {
                match serde_json::from_str::<Json>(&value) {
                    Ok(Json::Object(object)) => metadata.extend(object),
                    _ => return Err(invalid("metadata", "metadata must be a JSON object")),
                }
            } else if let Some(key) = name.strip_prefix("metadata.") {
                fields.insert(key.to_string(), Json::String(value));
            } else {
                return Err(invalid(
                    &name,
                    format!("unknown field {name:?}; use file, title, metadata or metadata.<key>"),
                ));
            }
        }
        if parts == 0 {
            return Err(malformed("no part found; does the boundary match the body?"));
        }
        let (text, content_type, file_name) =
            file.ok_or_else(|| invalid("file", "the multipart body has no `file` part"))?;
        // `metadata.<key>` fields are the more specific form, so they win over the object.
        metadata.extend(fields);
        Ok(NewDocument {
            text,
            title: title.or(file_name),
            content_type,
            metadata: parse_metadata(Some(Json::Object(metadata)))?,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUNDARY: &str = "XyZ42boundary";

    fn header() -> String {
        format!("multipart/form-data; boundary={BOUNDARY}")
    }

    /// (name, file name, content type, value)
    fn body(parts: &[(&str, Option<&str>, Option<&str>, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        for (name, file_name, content_type, value) in parts {
            out.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
            let mut disposition = format!("Content-Disposition: form-data; name=\"{name}\"");
            if let Some(f) = file_name {
                disposition.push_str(&format!("; filename=\"{f}\""));
            }
            out.extend_from_slice(disposition.as_bytes());
            out.extend_from_slice(b"\r\n");
            if let Some(t) = content_type {
                out.extend_from_slice(format!("Content-Type: {t}\r\n").as_bytes());
            }
            out.extend_from_slice(b"\r\n");
            out.extend_from_slice(value);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        out
    }

    #[test]
    fn file_title_and_both_metadata_forms() {
        let doc = parse_upload(
            &header(),
            body(&[
                ("title", None, None, b"Notes"),
                ("metadata", None, None, br#"{"year": 1958, "topic": "old"}"#),
                ("metadata.topic", None, None, b"lift"),
                ("file", Some("notes.md"), Some("text/markdown"), b"# Wings\n\nLift."),
            ]),
        )
        .unwrap();
        assert_eq!(doc.text, "# Wings\n\nLift.");
        assert_eq!(doc.title.as_deref(), Some("Notes"));
        assert_eq!(doc.content_type, ContentType::Markdown);
        assert_eq!(doc.metadata["year"], 1958);
        assert_eq!(doc.metadata["topic"], "lift");
    }

    #[test]
    fn type_from_the_extension_when_the_part_does_not_say() {
        for (file_name, part_type, expected) in [
            ("page.HTML", None, ContentType::Html),
            ("page.htm", Some("application/octet-stream"), ContentType::Html),
            ("readme.markdown", None, ContentType::Markdown),
            ("a.txt", None, ContentType::Plain),
            // The part's own type wins over the extension.
            ("a.txt", Some("text/html; charset=utf-8"), ContentType::Html),
        ] {
            let doc = parse_upload(&header(), body(&[("file", Some(file_name), part_type, b"x")]))
                .unwrap();
            assert_eq!(doc.content_type, expected, "{file_name} {part_type:?}");
            assert_eq!(doc.title.as_deref(), Some(file_name), "title defaults to the file name");
        }
    }

    #[test]
    fn unsupported_types_are_415() {
        for (file_name, part_type) in [
            (Some("a.pdf"), None),
            (Some("noextension"), None),
            (Some("a.txt"), Some("application/pdf")),
            (None, None),
        ] {
            let e = parse_upload(&header(), body(&[("file", file_name, part_type, b"x")]))
                .unwrap_err();
            assert_eq!(e.status, 415, "{file_name:?} {part_type:?}: {}", e.message);
        }
    }

    #[test]
    fn missing_file_and_bad_fields_are_422() {
        let e = parse_upload(&header(), body(&[("title", None, None, b"t")])).unwrap_err();
        assert_eq!((e.status, e.code.as_str()), (422, "invalid_request"), "{}", e.message);
        assert_eq!(e.details.as_ref().unwrap()["path"], "file");
        for parts in [
            vec![("metadata", None, None, &b"[1]"[..])],
            vec![("metadata", None, None, &b"{not json"[..])],
            vec![("colour", None, None, &b"red"[..])],
            vec![("file", Some("a.txt"), None, &b"a"[..]), ("file", Some("b.txt"), None, &b"b"[..])],
        ] {
            let mut parts = parts;
            if !parts.iter().any(|p| p.0 == "file") {
                parts.push(("file", Some("a.txt"), None, &b"text"[..]));
            }
            let e = parse_upload(&header(), body(&parts)).unwrap_err();
            assert_eq!(e.status, 422, "{parts:?}: {}", e.message);
        }
        // Metadata values follow the JSON body's rules.
        let e = parse_upload(
            &header(),
            body(&[
                ("metadata", None, None, br#"{"a": {"nested": 1}}"#),
                ("file", Some("a.txt"), None, b"text"),
            ]),
        )
        .unwrap_err();
        assert_eq!(e.status, 422);
    }

    #[test]
    fn malformed_bodies_are_400() {
        let valid = body(&[("file", Some("a.txt"), None, b"text")]);
        let cases: Vec<(String, Vec<u8>)> = vec![
            // No boundary parameter.
            ("multipart/form-data".into(), valid.clone()),
            // A boundary that never occurs.
            ("multipart/form-data; boundary=other".into(), valid.clone()),
            // Cut off inside the file part.
            (header(), valid[..valid.len() - 20].to_vec()),
            // Not multipart at all.
            (header(), b"just some text".to_vec()),
            // A part without a name.
            (
                header(),
                format!("--{BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--{BOUNDARY}--\r\n")
                    .into_bytes(),
            ),
            // Headers never end.
            (
                header(),
                format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"").into_bytes(),
            ),
        ];
        for (content_type, bytes) in cases {
            let e = parse_upload(&content_type, bytes.clone()).unwrap_err();
            assert_eq!(
                (e.status, e.code.as_str()),
                (400, "malformed_multipart"),
                "{content_type} {:?}: {}",
                String::from_utf8_lossy(&bytes),
                e.message
            );
        }
    }

    #[test]
    fn invalid_utf8_is_400_with_the_offset() {
        let e = parse_upload(&header(), body(&[("file", Some("a.txt"), None, b"ok\xff\xfe")]))
            .unwrap_err();
        assert_eq!((e.status, e.code.as_str()), (400, "invalid_utf8"));
        assert_eq!(e.details.as_ref().unwrap()["byte_offset"], 2);
    }

    #[test]
    fn recognises_the_media_type() {
        assert!(is_multipart("multipart/form-data; boundary=x"));
        assert!(is_multipart("Multipart/Form-Data"));
        assert!(!is_multipart("multipart/mixed; boundary=x"));
        assert!(!is_multipart("application/json"));
    }
}
