//! Configuration, read the way parse-server reads its own: a `config.json`
//! given as the positional argument, flags of the same names (`--appId x`),
//! and `PARSE_SERVER_*` environment variables. Flags win over the
//! environment, which wins over the file, which wins over the defaults.

use std::{collections::BTreeMap, fmt, fs};

use serde_json::{Map, Value};

pub use crate::account_lockout::AccountLockout;
use crate::mail::SmtpOptions;
pub use crate::request_complexity::RequestComplexity;

/// Server configuration; the doc of each field names its parse-server option.
#[derive(Clone)]
pub struct Config {
    /// `appId`: the application id every request must carry.
    pub app_id: String,
    /// `masterKey`: gives master access, which bypasses ACLs.
    pub master_key: String,
    /// `restAPIKey`: when set, non-master requests must carry it.
    pub rest_api_key: Option<String>,
    /// `clientKey`.
    pub client_key: Option<String>,
    /// `javascriptKey`.
    pub javascript_key: Option<String>,
    /// `dotNetKey`.
    pub dot_net_key: Option<String>,
    /// `port`, default 1337.
    pub port: u16,
    /// `host`, default `127.0.0.1` (parse-server's is `0.0.0.0`).
    pub host: String,
    /// `mountPath`, default `/parse`.
    pub mount_path: String,
    /// `serverURL`, default `http://<host>:<port><mountPath>`.
    pub server_url: Option<String>,
    /// `publicServerURL`.
    pub public_server_url: Option<String>,
    /// `appName`.
    pub app_name: Option<String>,
    /// `bcryptCost` (this server's own option): bcrypt cost of password
    /// hashes, default 10 as in Parse Server.
    pub bcrypt_cost: u32,
    /// `allowClientClassCreation`, default false as in Parse Server 9.
    pub allow_client_class_creation: bool,
    /// `allowOrigin`, default `["*"]`.
    pub allow_origin: Vec<String>,
    /// `allowHeaders`: CORS headers allowed besides Parse's own.
    pub allow_headers: Vec<String>,
    /// `maxUploadSize` in bytes, default 20 MiB.
    pub max_upload_size: usize,
    /// `verifyUserEmails`: a new or changed email gets `emailVerified: false`
    /// and a mail with a link that verifies it.
    pub verify_user_emails: bool,
    /// `preventLoginWithUnverifiedEmail`: with `verifyUserEmails`, users log
    /// in only once their email is verified, and signing up opens no session.
    pub prevent_login_with_unverified_email: bool,
    /// `emailVerifySuccessOnInvalidEmail`, default true: a verification
    /// request for an unknown or already verified email answers `{}` too.
    pub email_verify_success_on_invalid_email: bool,
    /// `passwordPolicy.resetPasswordSuccessOnInvalidEmail`, default true: a
    /// reset request for an unknown email answers `{}` too.
    pub reset_password_success_on_invalid_email: bool,
    /// `emailAdapter`: where mail is sent (`{"module": "smtp", "options": …}`).
    pub email_adapter: Option<SmtpOptions>,
    /// `accountLockout`: lock an account after repeated failed logins; off
    /// when `None`, as in Parse Server.
    pub account_lockout: Option<AccountLockout>,
    /// `sessionLength`: how many seconds a session lives (default one
    /// year, as in Parse Server).
    pub session_length: u64,
    /// `requestComplexity`: limits on clients' queries and batches, each
    /// off (`-1`) by default, as in Parse Server 9.10.
    pub request_complexity: RequestComplexity,
}

// Written by hand so that keys never reach a log.
impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("app_id", &self.app_id)
            .field("port", &self.port)
            .field("host", &self.host)
            .field("mount_path", &self.mount_path)
            .field("server_url", &self.server_url)
            .finish_non_exhaustive()
    }
}

/// Why a configuration cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// Parse Server's default `sessionLength`: one year, in seconds.
const DEFAULT_SESSION_LENGTH: u64 = 365 * 24 * 3600;

/// Options this server implements, by parse-server name.
const IMPLEMENTED: &[&str] = &[
    "appId",
    "masterKey",
    "restAPIKey",
    "clientKey",
    "javascriptKey",
    "dotNetKey",
    "port",
    "host",
    "mountPath",
    "serverURL",
    "publicServerURL",
    "appName",
    "bcryptCost",
    "allowClientClassCreation",
    "allowOrigin",
    "allowHeaders",
    "maxUploadSize",
    "verifyUserEmails",
    "preventLoginWithUnverifiedEmail",
    "emailVerifySuccessOnInvalidEmail",
    "passwordPolicy",
    "emailAdapter",
    "accountLockout",
    "sessionLength",
    "requestComplexity",
];

/// Environment variables and the option each one sets.
const ENV: &[(&str, &str)] = &[
    ("PARSE_SERVER_APPLICATION_ID", "appId"),
    ("PARSE_SERVER_MASTER_KEY", "masterKey"),
    ("PARSE_SERVER_REST_API_KEY", "restAPIKey"),
    ("PARSE_SERVER_CLIENT_KEY", "clientKey"),
    ("PARSE_SERVER_JAVASCRIPT_KEY", "javascriptKey"),
    ("PARSE_SERVER_DOT_NET_KEY", "dotNetKey"),
    ("PORT", "port"),
    ("PARSE_SERVER_HOST", "host"),
    ("PARSE_SERVER_MOUNT_PATH", "mountPath"),
    ("PARSE_SERVER_URL", "serverURL"),
    ("PARSE_PUBLIC_SERVER_URL", "publicServerURL"),
    ("PARSE_SERVER_APP_NAME", "appName"),
    (
        "PARSE_SERVER_ALLOW_CLIENT_CLASS_CREATION",
        "allowClientClassCreation",
    ),
    ("PARSE_SERVER_ALLOW_ORIGIN", "allowOrigin"),
    ("PARSE_SERVER_ALLOW_HEADERS", "allowHeaders"),
    ("PARSE_SERVER_MAX_UPLOAD_SIZE", "maxUploadSize"),
    ("PARSE_SERVER_ACCOUNT_LOCKOUT", "accountLockout"),
    ("PARSE_MOCK_SERVER_BCRYPT_COST", "bcryptCost"),
    ("PARSE_SERVER_VERIFY_USER_EMAILS", "verifyUserEmails"),
    (
        "PARSE_SERVER_PREVENT_LOGIN_WITH_UNVERIFIED_EMAIL",
        "preventLoginWithUnverifiedEmail",
    ),
    ("PARSE_SERVER_EMAIL_ADAPTER", "emailAdapter"),
    ("PARSE_SERVER_SESSION_LENGTH", "sessionLength"),
    ("PARSE_SERVER_REQUEST_COMPLEXITY", "requestComplexity"),
];

impl Config {
    /// A configuration with this app id and master key and defaults for the rest.
    pub fn new(app_id: impl Into<String>, master_key: impl Into<String>) -> Config {
        Config {
            app_id: app_id.into(),
            master_key: master_key.into(),
            rest_api_key: None,
            client_key: None,
            javascript_key: None,
            dot_net_key: None,
            port: 1337,
            host: "127.0.0.1".into(),
            mount_path: "/parse".into(),
            server_url: None,
            public_server_url: None,
            app_name: None,
            bcrypt_cost: 10,
            allow_client_class_creation: false,
            allow_origin: vec!["*".into()],
            allow_headers: Vec::new(),
            max_upload_size: 20 * 1024 * 1024,
            verify_user_emails: false,
            prevent_login_with_unverified_email: false,
            email_verify_success_on_invalid_email: true,
            reset_password_success_on_invalid_email: true,
            email_adapter: None,
            account_lockout: None,
            session_length: DEFAULT_SESSION_LENGTH,
            request_complexity: RequestComplexity::default(),
        }
    }

    /// Reads the configuration from command-line arguments (without the
    /// program name) and the environment. Returns it with the names of the
    /// options that were given but are not implemented here.
    pub fn load(
        args: impl IntoIterator<Item = String>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<(Config, Vec<String>), ConfigError> {
        let mut file: Option<String> = None;
        let mut flags: BTreeMap<String, Value> = BTreeMap::new();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            if let Some(name) = arg.strip_prefix("--") {
                let (name, value) = match name.split_once('=') {
                    Some((n, v)) => (n.to_owned(), v.to_owned()),
                    None => {
                        let value = args
                            .next()
                            .ok_or_else(|| ConfigError(format!("--{name} needs a value")))?;
                        (name.to_owned(), value)
                    }
                };
                flags.insert(name, parse_flag_value(&value));
            } else if file.is_none() {
                file = Some(arg);
            } else {
                return Err(ConfigError(format!("unexpected argument {arg}")));
            }
        }

        let mut options: Map<String, Value> = match &file {
            Some(path) => {
                let text = fs::read_to_string(path)
                    .map_err(|e| ConfigError(format!("cannot read {path}: {e}")))?;
                let value: Value = serde_json::from_str(&text)
                    .map_err(|e| ConfigError(format!("{path} is not JSON: {e}")))?;
                match value {
                    Value::Object(mut map) => match map.remove("apps") {
                        Some(Value::Array(apps)) => match apps.into_iter().next() {
                            Some(Value::Object(app)) => app,
                            _ => {
                                return Err(ConfigError(format!(
                                    "{path}: apps must hold one app object"
                                )));
                            }
                        },
                        _ => map,
                    },
                    _ => return Err(ConfigError(format!("{path} must hold a JSON object"))),
                }
            }
            None => Map::new(),
        };
        for (var, option) in ENV {
            if let Some(value) = env(var) {
                options.insert((*option).to_owned(), parse_flag_value(&value));
            }
        }
        options.extend(flags);

        let text = |name: &str| options.get(name).map(value_text);
        let (Some(app_id), Some(master_key)) = (text("appId"), text("masterKey")) else {
            return Err(ConfigError("appId and masterKey are required".into()));
        };
        let mut config = Config::new(app_id, master_key);
        // An empty client key leaves it unset.
        let key = |name: &str| text(name).filter(|k| !k.is_empty());
        config.rest_api_key = key("restAPIKey");
        config.client_key = key("clientKey");
        config.javascript_key = key("javascriptKey");
        config.dot_net_key = key("dotNetKey");
        if let Some(port) = text("port") {
            config.port = port
                .parse()
                .map_err(|_| ConfigError(format!("port must be a number, got {port}")))?;
        }
        if let Some(host) = text("host") {
            config.host = host;
        }
        if let Some(mount) = text("mountPath") {
            config.mount_path = format!("/{}", mount.trim_matches('/'));
        }
        config.server_url = text("serverURL");
        config.public_server_url = text("publicServerURL");
        config.app_name = text("appName");
        if let Some(cost) = text("bcryptCost") {
            config.bcrypt_cost = cost
                .parse()
                .ok()
                .filter(|c| (4..=31).contains(c))
                .ok_or_else(|| ConfigError(format!("bcryptCost must be 4 to 31, got {cost}")))?;
        }
        if let Some(origins) = options.get("allowOrigin") {
            config.allow_origin = value_list(origins);
        }
        if let Some(headers) = options.get("allowHeaders") {
            config.allow_headers = value_list(headers);
        }
        if let Some(size) = text("maxUploadSize") {
            config.max_upload_size = parse_size(&size)
                .ok_or_else(|| ConfigError(format!("bad maxUploadSize {size}")))?;
        }
        let flag = |name: &str| {
            options
                .get(name)
                .map(|v| v.as_bool().unwrap_or(value_text(v) == "true"))
        };
        if let Some(allow) = flag("allowClientClassCreation") {
            config.allow_client_class_creation = allow;
        }
        if let Some(on) = flag("verifyUserEmails") {
            config.verify_user_emails = on;
        }
        if let Some(on) = flag("preventLoginWithUnverifiedEmail") {
            config.prevent_login_with_unverified_email = on;
        }
        if let Some(on) = flag("emailVerifySuccessOnInvalidEmail") {
            config.email_verify_success_on_invalid_email = on;
        }
        if let Some(on) = options
            .get("passwordPolicy")
            .and_then(|p| p.get("resetPasswordSuccessOnInvalidEmail"))
            .and_then(Value::as_bool)
        {
            config.reset_password_success_on_invalid_email = on;
        }
        if let Some(adapter) = options.get("emailAdapter") {
            config.email_adapter = Some(SmtpOptions::from_adapter(adapter)?);
        }
        if let Some(lockout) = options.get("accountLockout") {
            config.account_lockout = Some(AccountLockout::from_json(lockout)?);
        }
        if let Some(length) = text("sessionLength") {
            config.session_length = length
                .parse()
                .ok()
                .filter(|seconds| *seconds > 0)
                .ok_or_else(|| {
                    ConfigError(format!(
                        "sessionLength must be a positive number of seconds, got {length}"
                    ))
                })?;
        }
        if let Some(limits) = options.get("requestComplexity") {
            config.request_complexity = RequestComplexity::from_json(limits)?;
        }
        if config.verify_user_emails {
            config.check_email_settings()?;
        }
        let unimplemented = options
            .keys()
            .filter(|k| !IMPLEMENTED.contains(&k.as_str()))
            .cloned()
            .collect();
        Ok((config, unimplemented))
    }

    /// How long a new session lives (`sessionLength`).
    pub fn session_lifetime(&self) -> time::Duration {
        // Capped at a century, so that now + length stays a date.
        let seconds = self.session_length.min(100 * DEFAULT_SESSION_LENGTH);
        time::Duration::seconds(i64::try_from(seconds).unwrap_or(i64::MAX))
    }

    /// Refuses email verification without what its mail needs, as Parse
    /// Server does at start-up: an email adapter, an app name and a public URL.
    pub fn check_email_settings(&self) -> Result<(), ConfigError> {
        if self.email_adapter.is_none() {
            return Err(ConfigError(
                "An emailAdapter is required for e-mail verification and password resets.".into(),
            ));
        }
        if self.app_name.is_none() {
            return Err(ConfigError(
                "An app name is required for e-mail verification and password resets.".into(),
            ));
        }
        if self.public_server_url.is_none() {
            return Err(ConfigError(
                "The option publicServerURL is required.".into(),
            ));
        }
        Ok(())
    }

    /// Whether users log in only once their email is verified
    /// (`preventLoginWithUnverifiedEmail`, which needs `verifyUserEmails`).
    pub fn login_needs_verified_email(&self) -> bool {
        self.verify_user_emails && self.prevent_login_with_unverified_email
    }

    /// The public URL of the API, where the links in mails point: the
    /// `publicServerURL`, else the server URL.
    pub fn public_url(&self) -> String {
        match &self.public_server_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => self.server_url(),
        }
    }

    /// The URL the API is served at, used in `Location` headers.
    pub fn server_url(&self) -> String {
        match &self.server_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://{}:{}{}", self.host, self.port, self.mount_path),
        }
    }
}

/// A flag or environment value: JSON when it parses as JSON (numbers,
/// booleans, arrays, objects), else the plain string.
fn parse_flag_value(value: &str) -> Value {
    serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.to_owned()))
}

fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn value_list(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().map(value_text).collect(),
        other => value_text(other)
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
    }
}

/// `20mb`, `512kb` or a plain number of bytes.
fn parse_size(text: &str) -> Option<usize> {
    let lower = text.trim().to_ascii_lowercase();
    let (digits, factor) = if let Some(n) = lower.strip_suffix("mb") {
        (n, 1024 * 1024)
    } else if let Some(n) = lower.strip_suffix("kb") {
        (n, 1024)
    } else {
        (lower.as_str(), 1)
    };
    digits.trim().parse::<usize>().ok().map(|n| n * factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn flags_override_env_which_overrides_the_file() {
        let dir = std::env::temp_dir().join(format!("pms-config-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let file = dir.join("config.json");
        fs::write(
            &file,
            r#"{"appId":"from-file","masterKey":"m","port":1000,"databaseURI":"postgres://x"}"#,
        )
        .unwrap();
        let env = |k: &str| (k == "PORT").then(|| "2000".to_owned());
        let (config, unimplemented) =
            Config::load(args(&[file.to_str().unwrap(), "--appId", "from-flag"]), env).unwrap();
        assert_eq!(config.app_id, "from-flag");
        assert_eq!(config.port, 2000);
        assert_eq!(unimplemented, vec!["databaseURI".to_owned()]);
    }

    #[test]
    fn app_id_and_master_key_are_required() {
        let err = Config::load(args(&["--appId", "a"]), |_| None).unwrap_err();
        assert_eq!(err.0, "appId and masterKey are required");
    }

    #[test]
    fn sizes_and_lists_parse() {
        assert_eq!(parse_size("20mb"), Some(20 * 1024 * 1024));
        assert_eq!(parse_size("100"), Some(100));
        let (config, _) = Config::load(
            args(&[
                "--appId",
                "a",
                "--masterKey",
                "m",
                "--allowOrigin",
                "https://a,https://b",
            ]),
            |_| None,
        )
        .unwrap();
        assert_eq!(config.allow_origin, vec!["https://a", "https://b"]);
        assert_eq!(config.server_url(), "http://127.0.0.1:1337/parse");
    }

    #[test]
    fn session_length_is_read_in_seconds_and_must_be_positive() {
        let base = ["--appId", "a", "--masterKey", "m"];
        let (config, _) = Config::load(args(&base), |_| None).unwrap();
        assert_eq!(config.session_lifetime(), time::Duration::days(365));
        let with = |length: &str| {
            let mut all = base.to_vec();
            all.extend(["--sessionLength", length]);
            Config::load(args(&all), |_| None)
        };
        let (config, unimplemented) = with("3").unwrap();
        assert_eq!(config.session_lifetime(), time::Duration::seconds(3));
        assert!(unimplemented.is_empty());
        assert!(with("0").is_err());
        assert!(with("soon").is_err());
    }
}
