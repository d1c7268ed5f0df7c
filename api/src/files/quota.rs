//! Bytes per org: a new file that would take the org over its quota is refused with 413.

use shared::error::{ErrorCode, FieldError};

use crate::db::DbConnection;
use crate::error::ApiError;

pub fn check(conn: &mut DbConnection, org_id: i64, adding: i64, quota: i64) -> Result<(), ApiError> {
    super::repo::lock_org(conn, org_id)?;
    let used = super::repo::used_bytes(conn, org_id)?;
    if used + adding > quota {
        let message = format!(
            "本组织的文件存储空间已满（已用 {}，上限 {}），请联系管理员扩容或删除不需要的附件",
            human(used),
            human(quota)
        );
        return Err(ApiError::with_fields(
            ErrorCode::PayloadTooLarge,
            &message,
            vec![FieldError::new("file", "quota_exceeded", message.clone())],
        ));
    }
    Ok(())
}

fn human(bytes: i64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GB", b as f64 / (1u64 << 30) as f64),
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1u64 << 20) as f64),
        b if b >= 1 << 10 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{b} 字节"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_naturally() {
        assert_eq!(super::human(100), "100 字节");
        assert_eq!(super::human(10 * 1024 * 1024), "10.0 MB");
    }
}
