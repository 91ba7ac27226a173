//! What every function shares: JSON errors, request ids, body limits, JSON parsing, configuration.
