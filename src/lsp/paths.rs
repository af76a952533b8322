//! `file:` URIs to paths and back, for config discovery and grouping documents by folder.

use std::path::{Path, PathBuf};

/// The local path of a `file:` URI (`file:///a%20b/c.md` → `/a b/c.md`); `None` for other schemes
/// or a remote host.
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = strip_prefix_ci(uri, "file://")?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => return None,
    };
    if !host.is_empty() && !host.eq_ignore_ascii_case("localhost") {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode(path)?;
    // `/C:/x` is a Windows drive path.
    let b = decoded.as_bytes();
    if cfg!(windows) && b.len() >= 3 && b[0] == b'/' && b[1].is_ascii_alphabetic() && b[2] == b':' {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded))
}

/// A `file:` URI for an absolute path, percent-encoding what a URI path may not hold (the
/// encoding SARIF output uses too).
pub fn path_to_uri(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let rooted = if s.starts_with('/') {
        s
    } else {
        format!("/{s}")
    };
    crate::report::sarif::uri(&rooted)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip() {
        let p = Path::new("/tmp/dig ests/€ 1#.md");
        let uri = path_to_uri(p);
        assert_eq!(uri, "file:///tmp/dig%20ests/%E2%82%AC%201%23.md");
        assert_eq!(
            uri_to_path("file:///a/b%3Ac.md").as_deref(),
            Some(Path::new("/a/b:c.md"))
        );
        assert_eq!(uri_to_path(&uri).as_deref(), Some(p));
        assert_eq!(
            uri_to_path("file://localhost/a/b.txt").as_deref(),
            Some(Path::new("/a/b.txt"))
        );
    }

    #[test]
    fn other_uris_have_no_path() {
        assert_eq!(uri_to_path("untitled:Untitled-1"), None);
        assert_eq!(uri_to_path("file://server/share/x.md"), None);
        assert_eq!(uri_to_path("file:///bad%zz"), None);
        assert_eq!(uri_to_path("file:///bad%e2"), None);
    }
}
