//! Unit tests of the check kinds on hand-built claims (independent of the extractor).

use super::*;
