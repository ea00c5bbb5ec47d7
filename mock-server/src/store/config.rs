//! The app's config (Parse REST guide, Config): one set of parameters,
//! global to the app, and the names of those only the master key may read.

use serde_json::{Map, Value};

use super::Store;

/// The stored config, as Parse Server keeps it: the parameters, and for
/// each parameter ever set, whether it is master-key-only.
#[derive(Clone, Debug, Default)]
pub struct GlobalConfig {
    /// Parameter name → value.
    pub params: Map<String, Value>,
    /// Parameter name → its `masterKeyOnly` flag as last given (a truthy
    /// value hides the parameter from clients).
    pub master_key_only: Map<String, Value>,
}

impl Store {
    /// The config, or `None` while no parameter was ever set.
    pub fn global_config(&self) -> Option<GlobalConfig> {
        self.lock().config.clone()
    }

    /// Sets the given parameters and leaves the others as they are: a
    /// `{"__op": "Delete"}` value removes its parameter. Every parameter
    /// named gets the `masterKeyOnly` flag given for it, `false` when none
    /// is, as Parse Server records it. One lock: concurrent updates of
    /// different parameters never lose each other's.
    pub fn update_global_config(&self, params: &Map<String, Value>, flags: &Map<String, Value>) {
        let mut state = self.lock();
        let config = state.config.get_or_insert_with(GlobalConfig::default);
        for (name, value) in params {
            if is_delete(value) {
                config.params.remove(name);
            } else {
                config.params.insert(name.clone(), value.clone());
            }
            let flag = flags.get(name).cloned().unwrap_or(Value::Bool(false));
            config.master_key_only.insert(name.clone(), flag);
        }
    }
}

/// Whether a value is the `Delete` operator.
fn is_delete(value: &Value) -> bool {
    value.get("__op").and_then(Value::as_str) == Some("Delete")
}
