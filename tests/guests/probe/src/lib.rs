//! Test-only component exercising every host interface end to end.
