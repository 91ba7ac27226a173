//! GET /api/v1/openapi.json: the app's OpenAPI 3.1 document.
