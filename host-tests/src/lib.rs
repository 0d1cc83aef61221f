//! Tests live in tests/; see README.md.
