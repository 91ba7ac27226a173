//! The WIT host traits, answered from the instance's resolved variables.

use crate::bindings::fermyon::spin2_0_0::variables;
use crate::bindings::wasi::config::store;
use crate::{VariableError, VariablesInstanceState};

impl variables::Host for VariablesInstanceState {
    async fn get(&mut self, name: String) -> wasmtime::Result<Result<String, variables::Error>> {
        Ok(self.vars.get(&name).map(str::to_owned).map_err(|err| {
            let message = err.to_string();
            match err {
                VariableError::InvalidName { .. } => variables::Error::InvalidName(message),
                VariableError::Undefined { .. } => variables::Error::Undefined(message),
            }
        }))
    }
}

impl store::Host for VariablesInstanceState {
    /// wasi:config answers "not found" with `none`; like Spin, an invalid name is also
    /// simply not found.
    async fn get(&mut self, key: String) -> wasmtime::Result<Result<Option<String>, store::Error>> {
        Ok(Ok(self.vars.get(&key).ok().map(str::to_owned)))
    }

    async fn get_all(&mut self) -> wasmtime::Result<Result<Vec<(String, String)>, store::Error>> {
        Ok(Ok(self
            .vars
            .values
            .iter()
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect()))
    }
}
