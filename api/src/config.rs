//! Configuration: defaults, then an optional TOML file, then `DANGJIAN_*` environment variables.

use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// A SQLite file path, or a `postgres://` URL. Default: `<data_dir>/dangjian.db`.
    pub database_url: Option<String>,
    pub bind: String,
    pub data_dir: PathBuf,
    /// The built SPA (`web-ui/dist`); served at `/` when present.
    pub static_dir: PathBuf,
    /// A session ends after this long without a request…
    pub session_idle_seconds: i64,
    /// …and in any case this long after login.
    pub session_max_seconds: i64,
    pub login_window_seconds: i64,
    pub login_max_failures_per_account: i64,
    pub login_max_failures_per_ip: i64,
    /// Past this many failures of one account in the window (from any address), each further
    /// attempt waits 2^(n − this) seconds after the last failure…
    pub login_account_backoff_after: i64,
    /// …but never longer than this (the owner is never locked out for good).
    pub login_backoff_cap_seconds: i64,
    /// Password checks running at once (argon2 takes ~19 MiB each); more wait, then get 503.
    pub login_hashing_concurrency: usize,
    /// Reverse proxies whose `X-Forwarded-For` / `Forwarded` header names the client. Requests
    /// from any other peer are taken at their TCP address.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Largest accepted JSON body; larger requests get 413.
    pub json_limit_bytes: usize,
    /// Mark the session cookie `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
    /// Timeout of one request to the HR system (retried up to 3 times).
    pub hr_request_timeout_seconds: u64,
    /// `[hr]`: where HR connectors may point.
    pub hr: HrSettings,
    /// `[sms]`: where the SMS provider may point.
    pub sms: SmsHosts,
    /// `[mail]`: which SMTP servers e-mail notices may go through.
    pub mail: MailHosts,
    /// The key that seals stored secrets (32 bytes). Default: `<data_dir>/secret.key`, created
    /// on first use. Several instances must share one key file.
    pub secret_key_file: Option<PathBuf>,
    /// The member-development rule set; [L] rules (公示, applicant wait …) are set here per
    /// deployment, e.g. `[development_rules]` / `publicity_workdays = 7`.
    pub development_rules: shared::rules::development::DevelopmentRules,
    /// Required meeting frequencies (`[meeting_rules]`), e.g. 党课 per quarter or per term.
    pub meeting_rules: shared::rules::meetings::MeetingRules,
    /// When scheduled reminders fire (`[reminder_rules]`): days before meetings, months before
    /// a term ends, days before development deadlines.
    pub reminder_rules: shared::rules::reminders::ReminderRules,
    /// Thresholds of the analysis alerts (`[alert_rules]`).
    pub alert_rules: shared::rules::alerts::AlertThresholds,
    /// Party dues brackets, fixed amounts and rounding (`[dues_rules]`).
    pub dues_rules: shared::rules::dues::DuesRules,
    /// Organisation-relationship transfers (`[transfer_rules]`): letter validity, 回执, the
    /// 6-month warning, 证明信 durations, overdue 预备党员 (`flag` or `refuse`).
    pub transfer_rules: shared::rules::transfers::TransferRules,
    /// Requests and replies (`[request_rules]`): reminders before the 批复 is due, SMS approval.
    pub request_rules: shared::rules::requests::RequestRules,
    /// Committees and elections (`[election_rules]`): committee size, 差额, the secretary's 党龄,
    /// how far an election may move from the term's end.
    pub election_rules: shared::rules::elections::ElectionRules,
    /// Statistics bands (`[statistics_rules]`): age and 党龄 bands, 入党时间 eras, the heat map.
    pub statistics_rules: shared::rules::statistics::StatisticsRules,
    /// Extra font files for official documents (仿宋_GB2312, 方正小标宋 …) where a deployment
    /// has them; the Noto CJK faces stand in otherwise.
    pub document_fonts_dir: Option<PathBuf>,
    /// The address the platform is reached at from outside (e.g. `https://dj.example.cn`), for
    /// links printed on paper (a letter's QR code). Default: the address of the request.
    pub public_url: Option<String>,
    /// Online dues payment through WeChat Pay API v3 (`[wechat_pay]`); off when absent.
    pub wechat_pay: Option<crate::dues::online::wechat::Settings>,
    /// Where uploaded files live and how much each org may store (`[files]`).
    pub files: FilesConfig,
    /// Background jobs and the outbox dispatcher (`[workers]`).
    pub workers: Workers,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilesBackend {
    /// `<data_dir>/blobs`, content-addressed (one instance, or a shared folder).
    Local,
    /// A `blobs` table, so several instances share files through the database.
    Database,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FilesConfig {
    pub backend: FilesBackend,
    /// Total bytes of files one org (branch, committee) may store.
    pub quota_bytes_per_org: i64,
}

impl Default for FilesConfig {
    fn default() -> FilesConfig {
        FilesConfig { backend: FilesBackend::Local, quota_bytes_per_org: 2 * 1024 * 1024 * 1024 }
    }
}

/// Background work: the job pool, the outbox dispatcher and the schedules. Every instance
/// runs all of them; the database decides which instance does what.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Workers {
    /// Worker threads running background jobs (imports, pulls, applies).
    pub job_workers: usize,
    /// Jobs that may wait in the queue (all instances together); more are refused with 503.
    pub job_queue_capacity: i64,
    /// How often an instance confirms that it still runs its jobs.
    pub job_heartbeat_seconds: u64,
    /// A running job whose heartbeat is older than this is taken over by another worker.
    pub job_stale_seconds: i64,
    /// A job interrupted this many times is failed instead of retried again.
    pub job_max_attempts: i32,
    /// How often idle workers look for work in the database.
    pub poll_millis: u64,
    /// Delivery attempts before an outbox message becomes a dead letter.
    pub outbox_max_attempts: i32,
    /// Retry delay after the first failure; doubled after each further failure…
    pub outbox_backoff_seconds: i64,
    /// …up to this.
    pub outbox_backoff_max_seconds: i64,
    /// Messages claimed per dispatcher pass.
    pub outbox_batch: i64,
    /// How often the scheduler checks its named schedules.
    pub schedule_tick_seconds: u64,
    /// How often expired sessions and old failed logins are purged.
    pub purge_interval_seconds: i64,
}

impl Default for Workers {
    fn default() -> Workers {
        Workers {
            job_workers: 2,
            job_queue_capacity: 20,
            job_heartbeat_seconds: 10,
            job_stale_seconds: 60,
            job_max_attempts: 3,
            poll_millis: 1000,
            outbox_max_attempts: 8,
            outbox_backoff_seconds: 30,
            outbox_backoff_max_seconds: 3600,
            outbox_batch: 50,
            schedule_tick_seconds: 20,
            purge_interval_seconds: 3600,
        }
    }
}

/// `[hr]` settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HrSettings {
    /// Hosts (optionally `host:port`) that HR connectors may call, e.g. `["hr.example.cn",
    /// "10.2.3.4:8443"]`. Empty: no connector can be configured. Intranet addresses are
    /// allowed only by being listed here.
    pub allowed_hosts: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmsHosts {
    /// Hosts (optionally `host:port`) the SMS provider may be, e.g. an in-house gateway
    /// `["sms.intranet.cn:8443"]`; the two cloud APIs are listed by default.
    pub allowed_hosts: Vec<String>,
    /// The shared secret the SMS provider signs inbound (上行) callbacks with (HMAC-SHA256).
    /// Unset: inbound messages are refused, and approval works through the SMS link only.
    pub inbound_secret: Option<String>,
}

impl Default for SmsHosts {
    fn default() -> SmsHosts {
        SmsHosts {
            allowed_hosts: vec!["dysmsapi.aliyuncs.com".into(), "sms.tencentcloudapi.com".into()],
            inbound_secret: None,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailHosts {
    /// SMTP hosts (optionally `host:port`) the 政工部门 may choose, e.g. `["smtp.example.cn"]`.
    pub allowed_hosts: Vec<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            database_url: None,
            bind: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("data"),
            static_dir: PathBuf::from("web-ui/dist"),
            session_idle_seconds: 2 * 3600,
            session_max_seconds: 12 * 3600,
            login_window_seconds: 15 * 60,
            login_max_failures_per_account: 5,
            login_max_failures_per_ip: 50,
            login_account_backoff_after: 20,
            login_backoff_cap_seconds: 300,
            login_hashing_concurrency: 4,
            trusted_proxies: Vec::new(),
            json_limit_bytes: 256 * 1024,
            secure_cookies: false,
            hr_request_timeout_seconds: 20,
            hr: HrSettings::default(),
            sms: SmsHosts::default(),
            mail: MailHosts::default(),
            secret_key_file: None,
            development_rules: shared::rules::development::DevelopmentRules::default(),
            meeting_rules: shared::rules::meetings::MeetingRules::default(),
            reminder_rules: shared::rules::reminders::ReminderRules::default(),
            alert_rules: shared::rules::alerts::AlertThresholds::default(),
            dues_rules: shared::rules::dues::DuesRules::default(),
            transfer_rules: shared::rules::transfers::TransferRules::default(),
            request_rules: shared::rules::requests::RequestRules::default(),
            election_rules: shared::rules::elections::ElectionRules::default(),
            statistics_rules: shared::rules::statistics::StatisticsRules::default(),
            document_fonts_dir: None,
            public_url: None,
            wechat_pay: None,
            files: FilesConfig::default(),
            workers: Workers::default(),
        }
    }
}

impl Config {
    /// Reads `file` if given (it must exist), else `./dangjian.toml` if it exists; then the
    /// environment overrides.
    pub fn load(file: Option<&Path>) -> Result<Config, String> {
        let default_file = Path::new("dangjian.toml");
        let path = file.or(default_file.exists().then_some(default_file));
        let mut config = match path {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("cannot read config file {}: {e}", path.display()))?;
                toml::from_str(&text).map_err(|e| format!("invalid config file {}: {e}", path.display()))?
            }
            None => Config::default(),
        };
        config.apply_env(|name| std::env::var(name).ok())?;
        Ok(config)
    }

    fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> Result<(), String> {
        fn number<T: std::str::FromStr>(name: &str, value: String) -> Result<T, String> {
            value.parse().map_err(|_| format!("{name} must be a number, got {value:?}"))
        }
        if let Some(v) = var("DANGJIAN_DATABASE_URL") {
            self.database_url = Some(v);
        }
        if let Some(v) = var("DANGJIAN_BIND") {
            self.bind = v;
        }
        if let Some(v) = var("DANGJIAN_DATA_DIR") {
            self.data_dir = v.into();
        }
        if let Some(v) = var("DANGJIAN_STATIC_DIR") {
            self.static_dir = v.into();
        }
        if let Some(v) = var("DANGJIAN_SESSION_IDLE_SECONDS") {
            self.session_idle_seconds = number("DANGJIAN_SESSION_IDLE_SECONDS", v)?;
        }
        if let Some(v) = var("DANGJIAN_SESSION_MAX_SECONDS") {
            self.session_max_seconds = number("DANGJIAN_SESSION_MAX_SECONDS", v)?;
        }
        if let Some(v) = var("DANGJIAN_TRUSTED_PROXIES") {
            self.trusted_proxies = v
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().map_err(|_| format!("DANGJIAN_TRUSTED_PROXIES: {s:?} is not an IP address")))
                .collect::<Result<_, _>>()?;
        }
        if let Some(v) = var("DANGJIAN_HR_ALLOWED_HOSTS") {
            self.hr.allowed_hosts = v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
        }
        if let Some(v) = var("DANGJIAN_SMS_ALLOWED_HOSTS") {
            self.sms.allowed_hosts =
                v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
        }
        if let Some(v) = var("DANGJIAN_SMS_INBOUND_SECRET") {
            self.sms.inbound_secret = Some(v).filter(|v| !v.is_empty());
        }
        if let Some(v) = var("DANGJIAN_MAIL_ALLOWED_HOSTS") {
            self.mail.allowed_hosts =
                v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
        }
        if let Some(v) = var("DANGJIAN_DOCUMENT_FONTS_DIR") {
            self.document_fonts_dir = Some(v.into());
        }
        if let Some(v) = var("DANGJIAN_PUBLIC_URL") {
            self.public_url = Some(v);
        }
        if let Some(v) = var("DANGJIAN_SECRET_KEY_FILE") {
            self.secret_key_file = Some(v.into());
        }
        if let Some(v) = var("DANGJIAN_SECURE_COOKIES") {
            self.secure_cookies = matches!(v.as_str(), "1" | "true" | "yes");
        }
        if let Some(v) = var("DANGJIAN_HR_REQUEST_TIMEOUT_SECONDS") {
            self.hr_request_timeout_seconds = number("DANGJIAN_HR_REQUEST_TIMEOUT_SECONDS", v)?;
        }
        let w = &mut self.workers;
        if let Some(v) = var("DANGJIAN_JOB_WORKERS") {
            w.job_workers = number("DANGJIAN_JOB_WORKERS", v)?;
        }
        if let Some(v) = var("DANGJIAN_JOB_QUEUE_CAPACITY") {
            w.job_queue_capacity = number("DANGJIAN_JOB_QUEUE_CAPACITY", v)?;
        }
        if let Some(v) = var("DANGJIAN_JOB_HEARTBEAT_SECONDS") {
            w.job_heartbeat_seconds = number("DANGJIAN_JOB_HEARTBEAT_SECONDS", v)?;
        }
        if let Some(v) = var("DANGJIAN_JOB_STALE_SECONDS") {
            w.job_stale_seconds = number("DANGJIAN_JOB_STALE_SECONDS", v)?;
        }
        if let Some(v) = var("DANGJIAN_WORKER_POLL_MILLIS") {
            w.poll_millis = number("DANGJIAN_WORKER_POLL_MILLIS", v)?;
        }
        if let Some(v) = var("DANGJIAN_OUTBOX_MAX_ATTEMPTS") {
            w.outbox_max_attempts = number("DANGJIAN_OUTBOX_MAX_ATTEMPTS", v)?;
        }
        if let Some(v) = var("DANGJIAN_OUTBOX_BACKOFF_SECONDS") {
            w.outbox_backoff_seconds = number("DANGJIAN_OUTBOX_BACKOFF_SECONDS", v)?;
        }
        if let Some(v) = var("DANGJIAN_SCHEDULE_TICK_SECONDS") {
            w.schedule_tick_seconds = number("DANGJIAN_SCHEDULE_TICK_SECONDS", v)?;
        }
        if let Some(v) = var("DANGJIAN_PURGE_INTERVAL_SECONDS") {
            w.purge_interval_seconds = number("DANGJIAN_PURGE_INTERVAL_SECONDS", v)?;
        }
        w.job_workers = w.job_workers.clamp(1, 64);
        Ok(())
    }

    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| self.data_dir.join("dangjian.db").to_string_lossy().into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_defaults() {
        let mut config = Config::default();
        config
            .apply_env(|name| match name {
                "DANGJIAN_DATABASE_URL" => Some("postgres://localhost/x".into()),
                "DANGJIAN_SESSION_IDLE_SECONDS" => Some("60".into()),
                _ => None,
            })
            .unwrap();
        assert_eq!(config.database_url(), "postgres://localhost/x");
        assert_eq!(config.session_idle_seconds, 60);
        assert_eq!(config.bind, "127.0.0.1:8080");
        assert!(config.apply_env(|n| (n == "DANGJIAN_SESSION_MAX_SECONDS").then(|| "x".into())).is_err());
    }

    #[test]
    fn default_database_is_a_file_in_the_data_dir() {
        assert_eq!(Config::default().database_url(), "data/dangjian.db");
    }
}
