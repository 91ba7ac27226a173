//! Starts the real host with real components and talks HTTP to it.
