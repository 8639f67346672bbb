//! The RSZ environments and their base URLs (functional documentation, chapter 6).

use serde::{Deserialize, Serialize};

/// Base URL of the simulation environment: test declarations that never reach the real
/// personnel file. The default, as the RSZ strongly recommends during development.
pub const SIMULATION_BASE_URL: &str = "https://services-sim.socialsecurity.be/REST/dimona/v2";
/// Base URL of the production environment.
pub const PRODUCTION_BASE_URL: &str = "https://services.socialsecurity.be/REST/dimona/v2";
/// Pseudo base URL that selects the simulator compiled into the library (no network).
pub const IN_PAGE_SIMULATOR_BASE_URL: &str = "sim:";

/// Which RSZ environment a client talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// `services-sim.socialsecurity.be`
    #[default]
    Simulation,
    /// `services.socialsecurity.be`
    Production,
}

impl Environment {
    /// The v2 base URL of this environment, without a trailing slash.
    pub fn base_url(self) -> &'static str {
        match self {
            Environment::Simulation => SIMULATION_BASE_URL,
            Environment::Production => PRODUCTION_BASE_URL,
        }
    }
}

/// Normalises a user-supplied base URL: trims spaces and trailing slashes.
pub fn normalise_base_url(url: &str) -> String {
    url.trim().trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_have_no_trailing_slash() {
        assert_eq!(
            normalise_base_url(" https://x/REST/dimona/v2/ "),
            "https://x/REST/dimona/v2"
        );
        assert!(!Environment::Simulation.base_url().ends_with('/'));
        assert!(Environment::Production
            .base_url()
            .starts_with("https://services.socialsecurity.be"));
    }
}
