//! The bounded worker pool: `job_workers` threads per instance claim jobs from the database,
//! plus one heartbeat thread. A job whose heartbeat is older than `job_stale_seconds` belongs
//! to an instance that died; any worker takes it over (and only such a job).

use std::time::Duration;

use super::context::CANCELLED_MESSAGE;
use super::{CANCELLED, Env, FAILED, JobContext, JobKind, SUCCEEDED, repo};
use crate::clock::wall_now as now;

/// Starts the workers and the heartbeat; they stop when the instance's `Background` is dropped.
pub fn start(env: &Env, kinds: &'static [JobKind]) {
    for n in 0..env.config.workers.job_workers {
        let env = env.clone();
        std::thread::Builder::new()
            .name(format!("job-worker-{n}"))
            .spawn(move || worker(&env, kinds))
            .expect("a job worker thread starts");
    }
    let env = env.clone();
    std::thread::Builder::new()
        .name("job-heartbeat".into())
        .spawn(move || {
            let every = Duration::from_secs(env.config.workers.job_heartbeat_seconds.max(1));
            while !env.jobs_signal().stopped() {
                if let Err(e) = env.db.write_blocking(|conn| repo::heartbeat(conn, &env.instance)) {
                    tracing::warn!(error = %e.message, "job heartbeat failed");
                }
                sleep_unless_stopped(&env, every);
            }
        })
        .expect("the heartbeat thread starts");
}

fn sleep_unless_stopped(env: &Env, total: Duration) {
    let step = Duration::from_millis(200);
    let mut slept = Duration::ZERO;
    while slept < total && !env.jobs_signal().stopped() {
        std::thread::sleep(step.min(total - slept));
        slept += step;
    }
}

fn worker(env: &Env, kinds: &'static [JobKind]) {
    let idle = Duration::from_millis(env.config.workers.poll_millis.max(10));
    loop {
        if env.jobs_signal().stopped() {
            return;
        }
        match run_next(env, kinds) {
            Ok(true) => continue,
            Ok(false) => {}
            Err(message) => tracing::warn!(error = %message, "job worker pass failed"),
        }
        if !env.jobs_signal().wait(idle) {
            return;
        }
    }
}

/// Claims and runs one job; false when there was nothing to do.
pub fn run_next(env: &Env, kinds: &'static [JobKind]) -> Result<bool, String> {
    let stale_before = now() - chrono::Duration::seconds(env.config.workers.job_stale_seconds);
    // Idle workers only read; the write (and on SQLite the writer lock) is for real claims.
    if !env.db.read_blocking(|conn| repo::any_claimable(conn, stale_before)).map_err(|e| e.message)? {
        return Ok(false);
    }
    let claimed = env
        .db
        .write_blocking(|conn| {
            let Some(id) = crate::db::claim::claimable_job(conn, stale_before)? else { return Ok(None) };
            repo::take(conn, id, &env.instance, stale_before)
        })
        .map_err(|e| e.message)?;
    let Some(job) = claimed else { return Ok(false) };
    if job.attempts > 1 {
        tracing::warn!(job_id = job.id, kind = %job.kind, attempt = job.attempts, "taking over a job whose instance stopped");
    }
    let payload = serde_json::from_str(&job.payload_json).unwrap_or(serde_json::Value::Null);
    let ctx = JobContext::new(job.id, job.kind.clone(), payload, job.attempts, env.clone());
    let Some(kind) = kinds.iter().find(|k| k.name == job.kind) else {
        end(&ctx, None, FAILED, Some(&format!("未知的任务类型：{}", job.kind)));
        return Ok(true);
    };
    if job.attempts > env.config.workers.job_max_attempts {
        let message = "任务所在的服务实例多次中断，已停止重试";
        end(&ctx, Some(kind), FAILED, Some(message));
        return Ok(true);
    }
    if job.cancel_requested {
        end(&ctx, Some(kind), CANCELLED, Some(CANCELLED_MESSAGE));
        return Ok(true);
    }
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (kind.run)(&ctx)));
    match outcome {
        Ok(Ok(())) if ctx.cancelled() => end(&ctx, Some(kind), CANCELLED, Some(CANCELLED_MESSAGE)),
        Ok(Ok(())) => end(&ctx, None, SUCCEEDED, None),
        Ok(Err(message)) if ctx.cancelled() => end(&ctx, Some(kind), CANCELLED, Some(&message)),
        Ok(Err(message)) => end(&ctx, Some(kind), FAILED, Some(&message)),
        Err(_) => end(&ctx, Some(kind), FAILED, Some("内部错误，任务中止")),
    }
    Ok(true)
}

fn end(ctx: &JobContext, kind: Option<&JobKind>, status: &str, error: Option<&str>) {
    let ended = ctx.env.db.write_blocking(|conn| repo::finish(conn, ctx.id, &ctx.env.instance, status, error));
    match ended {
        Ok(true) => {
            if let (Some(kind), Some(error)) = (kind, error) {
                (kind.failed)(ctx, error);
            }
        }
        Ok(false) => tracing::warn!(job_id = ctx.id, "job was taken over by another instance; not recording its end"),
        Err(e) => tracing::warn!(job_id = ctx.id, error = %e.message, "could not record the end of a job"),
    }
}
