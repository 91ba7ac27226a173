//! Test-only component exporting a WIT interface, used as a component dependency.
