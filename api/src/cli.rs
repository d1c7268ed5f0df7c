//! The `dangjian` command line: serve, migrate, demo, openapi, user create.

use std::io::BufRead;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use shared::{OrgKind, OrgStatus, RoleKind, Sector};

use crate::auth::models::{NewRole, NewUser};
use crate::auth::{password, repo as auth_repo};
use crate::config::Config;
use crate::db::Db;
use crate::error::ApiError;
use crate::orgs::models::NewOrg;
use crate::state::AppState;

#[derive(Parser)]
#[command(name = "dangjian", version, about = "智慧党建平台: party-affairs platform server and tools")]
struct Cli {
    /// TOML configuration file (default: ./dangjian.toml if present). Environment variables
    /// DANGJIAN_DATABASE_URL, DANGJIAN_BIND, DANGJIAN_DATA_DIR … override it.
    #[arg(long, global = true, env = "DANGJIAN_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server (migrates the database first).
    Serve {
        /// Load the demo institution first if the database is empty.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo institution into an empty database.
    Demo {
        #[arg(long, default_value_t = crate::demo::DEMO_SEED)]
        seed: u64,
        /// `institution` (the demo institution, ~15,000 members) or `province` (~1,000,000
        /// members in ~50,000 orgs, people and orgs only, for the statistics benchmark).
        #[arg(long, default_value = "institution")]
        scale: String,
    },
    /// Benchmark: each dashboard panel at the root and at a branch next to the hand-written
    /// SQL floor, the whole dashboard and the report set (loads the demo first if empty).
    #[command(hide = true)]
    BenchStatistics,
    /// Print the OpenAPI document (or write it to a file).
    Openapi {
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Benchmark: full-roster HR sync of the demo data with 5% changes (loads the demo first if empty).
    #[command(hide = true)]
    BenchSync,
    /// Benchmark: every analysis-alert rule on the demo data (loads the demo first if empty).
    #[command(hide = true)]
    BenchAlerts,
    /// Benchmark: a month's dues ledger and the collection overview on the demo data.
    #[command(hide = true)]
    BenchDues,
    /// Benchmark: transfers opened as 整建制 batches, then the desk queues and one case.
    #[command(hide = true)]
    BenchTransfers,
    /// Manage login accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account with one role, e.g. the first 政工部门 admin of a new deployment.
    Create {
        #[arg(long)]
        username: String,
        #[arg(long)]
        display_name: String,
        /// One of: department, committee, branch, member, masses.
        #[arg(long, default_value = "department")]
        role: String,
        /// The org the role is scoped to (default: the root org).
        #[arg(long)]
        org_id: Option<i64>,
        /// When the database has no orgs yet, create the root 党委 with this name.
        #[arg(long)]
        root_org_name: Option<String>,
        /// Read the password from the first line of standard input instead of DANGJIAN_NEW_PASSWORD.
        #[arg(long)]
        password_stdin: bool,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("错误: {message}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("DANGJIAN_LOG").unwrap_or_else(|_| "info".into());
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).try_init();
}

fn run(cli: Cli) -> Result<(), String> {
    if let Command::Openapi { output } = &cli.command {
        let text = crate::openapi::document_json();
        return match output {
            Some(path) => std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display())),
            None => {
                print!("{text}");
                Ok(())
            }
        };
    }
    let config = Config::load(cli.config.as_deref())?;
    let db = Db::connect(&config.database_url())?;
    match cli.command {
        Command::Serve { demo } => {
            if demo && crate::demo::database_is_empty(&db).map_err(|e| e.message)? {
                load_demo(&db, &config, crate::demo::DEMO_SEED)?;
            }
            serve(AppState::new(db, config))
        }
        Command::Migrate => {
            println!("数据库已是最新结构: {}", redact(&config.database_url()));
            Ok(())
        }
        Command::Demo { scale, .. } if scale == "province" => load_province(&db),
        Command::Demo { seed, scale } if scale == "institution" => load_demo(&db, &config, seed),
        Command::Demo { scale, .. } => Err(format!("未知的规模 {scale}（可选 institution 或 province）")),
        Command::BenchStatistics => crate::statistics::bench::run(&db, &config),
        Command::BenchSync => crate::hr_sync::bench::run(&db),
        Command::BenchAlerts => crate::alerts::bench::run(&db, &config),
        Command::BenchDues => crate::dues::bench::run(&db),
        Command::BenchTransfers => crate::transfers::bench::run(&db),
        Command::User { command } => match command {
            UserCommand::Create { username, display_name, role, org_id, root_org_name, password_stdin } => {
                let password = if password_stdin {
                    let mut line = String::new();
                    std::io::stdin().lock().read_line(&mut line).map_err(|e| e.to_string())?;
                    line.trim_end_matches(['\r', '\n']).to_string()
                } else {
                    std::env::var("DANGJIAN_NEW_PASSWORD")
                        .map_err(|_| "请通过 DANGJIAN_NEW_PASSWORD 环境变量或 --password-stdin 提供密码".to_string())?
                };
                create_user(&db, &username, &display_name, &role, org_id, root_org_name.as_deref(), &password)
            }
        },
        Command::Openapi { .. } => unreachable!("handled above"),
    }
}

/// Hides a PostgreSQL password in a URL before printing it.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_string(),
    }
}

fn load_demo(db: &Db, config: &Config, seed: u64) -> Result<(), String> {
    let today = crate::clock::Clock::system().today();
    let summary = crate::demo::load(db, seed, today)?;
    crate::demo::requests::insert(db, config, today)?;
    println!("已加载演示数据: {} 个组织, {} 名人员, 用时 {:.2} 秒", summary.orgs, summary.people, summary.seconds);
    println!("演示账号（密码均为 {}）:", crate::demo::DEMO_PASSWORD);
    for (username, description) in summary.accounts {
        println!("  {username:<10} {description}");
    }
    Ok(())
}

fn load_province(db: &Db) -> Result<(), String> {
    let today = crate::clock::Clock::system().today();
    let hash = crate::auth::password::hash_password(crate::demo::DEMO_PASSWORD).map_err(|e| e.message)?;
    let (orgs, people, seconds) = crate::demo::province::load(db, today, &hash)?;
    println!("已加载省级规模数据: {orgs} 个组织, {people} 名人员, 用时 {seconds:.1} 秒");
    println!("登录账号 admin（政工部门），密码 {}", crate::demo::DEMO_PASSWORD);
    Ok(())
}

fn serve(state: AppState) -> Result<(), String> {
    let config = &state.config;
    let listener = TcpListener::bind(&config.bind).map_err(|e| format!("cannot listen on {}: {e}", config.bind))?;
    let url = format!("http://{}", listener.local_addr().map_err(|e| e.to_string())?);
    tracing::info!(%url, database = %redact(&config.database_url()), "智慧党建平台 started");
    crate::startup::start_workers(&state)?;
    println!("智慧党建平台已启动: {url}  (API 文档: {url}/api/docs/)");
    actix_web::rt::System::new().block_on(async move {
        crate::startup::run(listener, state).map_err(|e| e.to_string())?.await.map_err(|e| e.to_string())
    })
}

fn create_user(
    db: &Db,
    username: &str,
    display_name: &str,
    role: &str,
    org_id: Option<i64>,
    root_org_name: Option<&str>,
    password: &str,
) -> Result<(), String> {
    let kind = RoleKind::parse(role)
        .ok_or_else(|| format!("未知角色 {role}，可选: department, committee, branch, member, masses"))?;
    if password.chars().count() < password::MIN_PASSWORD_CHARS {
        return Err(format!("密码至少 {} 位", password::MIN_PASSWORD_CHARS));
    }
    let hash = password::hash_password(password).map_err(|e| e.message)?;
    let username = username.trim().to_string();
    let shown = username.clone();
    let display_name = display_name.trim().to_string();
    let root_org_name = root_org_name.map(str::to_string);
    db.write_blocking(move |conn| {
        let now = crate::clock::wall_now();
        let root: Option<i64> = crate::orgs::repo::root_id(conn)?;
        let root = match (root, root_org_name) {
            (Some(root), _) => root,
            (None, Some(name)) => crate::orgs::repo::insert(
                conn,
                None,
                NewOrg {
                    parent_id: None,
                    path: "/pending-root/",
                    depth: 0,
                    name: &name,
                    kind: OrgKind::Committee.code(),
                    sector: Sector::Other.code(),
                    founded_on: None,
                    term_years: OrgKind::Committee.default_term_years(),
                    term_started_on: None,
                    status: OrgStatus::Active.code(),
                    version: 1,
                    created_at: now,
                    updated_at: now,
                },
            )?,
            (None, None) => {
                return Err(ApiError::invalid_state("数据库中还没有组织，请用 --root-org-name 指定最上级党委名称"));
            }
        };
        let org_id = org_id.unwrap_or(root);
        crate::orgs::repo::get(conn, org_id)?;
        let user_id = auth_repo::insert_user(
            conn,
            &NewUser {
                username: &username,
                phone: None,
                display_name: &display_name,
                password_hash: &hash,
                person_id: None,
                disabled: false,
                created_at: now,
                updated_at: now,
            },
        )?;
        auth_repo::insert_role(conn, &NewRole { user_id, kind: kind.code(), org_id, title: None, created_at: now })?;
        crate::audit::record(
            conn,
            None,
            "create",
            "user",
            user_id,
            None::<&()>,
            Some(&serde_json::json!({"username": username, "role": kind.code(), "org_id": org_id})),
        )?;
        Ok(())
    })
    .map_err(|e| e.message)?;
    println!("已创建账号 {shown} ({})", kind.label());
    Ok(())
}
