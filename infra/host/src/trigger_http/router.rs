//! Spin's HTTP route syntax and precedence.
//!
//! A route is a sequence of segments: literals (`/api/v1`), named parameters (`/:id`)
//! and an optional trailing wildcard (`/...`). When several routes match a path the most
//! specific wins: segments are compared left to right with literal > parameter >
//! wildcard, and a route that ends exactly where the path ends beats one that continues
//! with a wildcard. A trailing slash on the request is ignored (`/exact/` hits `/exact`).

use anyhow::{bail, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Param(String),
}

/// One parsed route of one component.
#[derive(Debug, Clone)]
pub struct Route {
    /// As written in the manifest, e.g. `/users/:id/...`.
    pub raw: String,
    /// Route with the wildcard stripped, e.g. `/users/:id` (Spin's `spin-component-route`).
    pub component_route: String,
    segments: Vec<Segment>,
    wildcard: bool,
    pub component_id: String,
}

/// The outcome of matching a request path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteMatch<'a> {
    pub component_id: &'a str,
    pub raw_route: &'a str,
    pub component_route: &'a str,
    /// The part of the path the wildcard matched (`/a/b`), empty for a full match.
    pub path_info: String,
    /// `:name` segment values, in route order.
    pub params: Vec<(String, String)>,
}

impl Route {
    pub fn parse(raw: &str, component_id: &str) -> Result<Self> {
        if !raw.starts_with('/') {
            bail!("route {raw:?} of component {component_id:?} must start with '/'");
        }
        let (body, wildcard) = match raw.strip_suffix("/...") {
            Some(prefix) => (prefix, true),
            None if raw == "/..." => ("", true),
            None => (raw, false),
        };
        let mut segments = Vec::new();
        for part in body.split('/').filter(|s| !s.is_empty()) {
            if part == "..." {
                bail!("route {raw:?}: '...' is only allowed as the last segment");
            }
            match part.strip_prefix(':') {
                Some("") => bail!("route {raw:?}: parameter without a name"),
                Some(name) => segments.push(Segment::Param(name.to_string())),
                None => segments.push(Segment::Literal(part.to_string())),
            }
        }
        let component_route = if body.is_empty() {
            String::new()
        } else {
            body.trim_end_matches('/').to_string()
        };
        Ok(Route {
            raw: raw.to_string(),
            component_route,
            segments,
            wildcard,
            component_id: component_id.to_string(),
        })
    }

    fn matches<'a>(&'a self, path_segments: &[&str]) -> Option<RouteMatch<'a>> {
        if path_segments.len() < self.segments.len()
            || (!self.wildcard && path_segments.len() != self.segments.len())
        {
            return None;
        }
        let mut params = Vec::new();
        for (segment, actual) in self.segments.iter().zip(path_segments) {
            match segment {
                Segment::Literal(lit) if lit == actual => {}
                Segment::Literal(_) => return None,
                Segment::Param(name) => params.push((name.clone(), actual.to_string())),
            }
        }
        let rest = &path_segments[self.segments.len()..];
        let path_info = if rest.is_empty() {
            String::new()
        } else {
            format!("/{}", rest.join("/"))
        };
        Some(RouteMatch {
            component_id: &self.component_id,
            raw_route: &self.raw,
            component_route: &self.component_route,
            path_info,
            params,
        })
    }

    /// Sort key: higher is more specific.
    fn specificity(&self) -> Vec<u8> {
        let mut key: Vec<u8> = self
            .segments
            .iter()
            .map(|s| match s {
                Segment::Literal(_) => 3,
                Segment::Param(_) => 2,
            })
            .collect();
        // A wildcard is less specific than any segment and than ending here.
        key.push(if self.wildcard { 0 } else { 1 });
        key
    }
}

/// All public routes of an application.
#[derive(Debug, Default)]
pub struct Router {
    routes: Vec<Route>,
}

impl Router {
    /// Builds the router; routes are tried most specific first. Two routes with the same
    /// shape (e.g. `/a/:x` and `/a/:y`) are ambiguous and rejected, as Spin does.
    pub fn build(routes: Vec<Route>) -> Result<Self> {
        let mut routes = routes;
        routes.sort_by_key(|r| std::cmp::Reverse(r.specificity_with_literals()));
        for pair in routes.windows(2) {
            if pair[0].shape() == pair[1].shape() {
                bail!(
                    "duplicate route {:?}: used by components {:?} and {:?}",
                    pair[1].raw,
                    pair[0].component_id,
                    pair[1].component_id
                );
            }
        }
        Ok(Router { routes })
    }

    pub fn routes(&self) -> &[Route] {
        &self.routes
    }

    /// Finds the most specific route for a raw (still percent-encoded) request path.
    pub fn route<'a>(&'a self, path: &str) -> Option<RouteMatch<'a>> {
        let trimmed = if path.len() > 1 {
            path.trim_end_matches('/')
        } else {
            path
        };
        let segments: Vec<&str> = trimmed.split('/').filter(|s| !s.is_empty()).collect();
        // Routes are sorted most specific first; the first full match wins. Specificity is
        // compared per segment, so sorting once is enough.
        self.routes.iter().find_map(|r| r.matches(&segments))
    }
}

impl Route {
    fn shape(&self) -> (Vec<Option<&str>>, bool) {
        let segs = self
            .segments
            .iter()
            .map(|s| match s {
                Segment::Literal(l) => Some(l.as_str()),
                Segment::Param(_) => None,
            })
            .collect();
        (segs, self.wildcard)
    }

    fn specificity_with_literals(&self) -> (Vec<u8>, String) {
        (self.specificity(), self.raw.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn router(routes: &[(&str, &str)]) -> Router {
        Router::build(
            routes
                .iter()
                .map(|(r, c)| Route::parse(r, c).unwrap())
                .collect(),
        )
        .unwrap()
    }

    #[test]
    fn most_specific_route_wins() {
        let r = router(&[
            ("/...", "catchall"),
            ("/api/...", "api"),
            ("/api/v1/health", "health"),
            ("/api/v1/:name", "named"),
            ("/api/v1/:name/...", "named-wild"),
            ("/api/v1/users/:id", "user"),
        ]);
        let hit = |p: &str| r.route(p).map(|m| m.component_id.to_string());
        assert_eq!(hit("/api/v1/health").as_deref(), Some("health"));
        assert_eq!(hit("/api/v1/health/").as_deref(), Some("health"));
        assert_eq!(hit("/api/v1/other").as_deref(), Some("named"));
        assert_eq!(hit("/api/v1/users/42").as_deref(), Some("user"));
        assert_eq!(
            hit("/api/v1/other/deep/path").as_deref(),
            Some("named-wild")
        );
        assert_eq!(hit("/api").as_deref(), Some("api"));
        assert_eq!(hit("/api/v2").as_deref(), Some("api"));
        assert_eq!(hit("/").as_deref(), Some("catchall"));
        assert_eq!(hit("/elsewhere").as_deref(), Some("catchall"));
    }

    #[test]
    fn wildcard_reports_path_info_and_params() {
        let r = router(&[("/wild/...", "w"), ("/users/:id/posts/:post", "p")]);
        let m = r.route("/wild/a/b").unwrap();
        assert_eq!(m.path_info, "/a/b");
        assert_eq!(m.raw_route, "/wild/...");
        assert_eq!(m.component_route, "/wild");
        let m = r.route("/wild").unwrap();
        assert_eq!(m.path_info, "");
        let m = r.route("/users/7/posts/hello%20world").unwrap();
        assert_eq!(
            m.params,
            vec![
                ("id".into(), "7".into()),
                ("post".into(), "hello%20world".into())
            ]
        );
        assert_eq!(m.path_info, "");
    }

    #[test]
    fn exact_routes_do_not_match_longer_paths() {
        let r = router(&[("/exact", "e")]);
        assert!(r.route("/exact").is_some());
        assert!(r.route("/exact/").is_some());
        assert!(r.route("/exact/more").is_none());
        assert!(r.route("/exactly").is_none());
        assert!(r.route("/").is_none());
    }

    #[test]
    fn rejects_duplicates_and_bad_routes() {
        let dup = Router::build(vec![
            Route::parse("/a/:x", "one").unwrap(),
            Route::parse("/a/:y", "two").unwrap(),
        ]);
        assert!(dup.is_err());
        assert!(Route::parse("no-slash", "c").is_err());
        assert!(Route::parse("/a/.../b", "c").is_err());
        assert!(Route::parse("/a/:", "c").is_err());
    }
}
