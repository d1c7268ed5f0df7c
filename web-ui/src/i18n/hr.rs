//! Texts of HR master-data sync: uploads, connectors, previews and history.

use super::Texts;

/// Plain texts, and the sentences with numbers or names in them as functions.
#[derive(Debug)]
pub struct FeatureTexts {
    pub title: &'static str,
    pub upload: &'static str,
    pub upload_hint: &'static str,
    pub choose_file: &'static str,
    pub full_roster: &'static str,
    pub start: &'static str,
    pub template: &'static str,
    pub connectors: &'static str,
    pub pull_now: &'static str,
    pub no_connectors: &'static str,
    pub history: &'static str,
    pub no_history: &'static str,
    pub apply: &'static str,
    pub apply_confirm: &'static str,
    pub discard: &'static str,
    pub discard_confirm: &'static str,
    pub download_changes: &'static str,
    pub no_rows: &'static str,
    pub row: &'static str,
    pub row_suffix: &'static str,
    pub choose_first: &'static str,
    pub scheduled: &'static str,
    pub job_line: fn((String, String, i64, i64, i64)) -> String,
}

pub static ZH: FeatureTexts = FeatureTexts {
    title: "人事数据同步",
    upload: "导入人员名单",
    upload_hint: "支持 .xlsx、.xls、.csv（UTF-8 或 GBK），上限 20 MB。先预览，确认后再应用。",
    choose_file: "选择文件",
    full_roster: "这是本范围的全量名单（名单外的人员将标记为已离开单位）",
    start: "上传并预览",
    template: "下载导入模板",
    connectors: "人事系统接口",
    pull_now: "立即同步",
    no_connectors: "尚未配置人事系统接口（可通过 API 配置）",
    history: "同步记录",
    no_history: "还没有同步记录",
    apply: "确认应用",
    apply_confirm: "确定将这些变更写入人员档案吗？",
    discard: "放弃",
    discard_confirm: "确定放弃本次同步吗？不会写入任何数据。",
    download_changes: "下载变更明细（Excel）",
    no_rows: "此类无记录",
    row: "第",
    row_suffix: " 行",
    choose_first: "请先选择文件",
    scheduled: "定时任务",
    job_line: zh_job_line,
};

pub static EN: FeatureTexts = FeatureTexts {
    title: "HR master-data sync",
    upload: "Import a roster",
    upload_hint: "XLSX, XLS or CSV (UTF-8 or GBK), up to 20 MB. You see a preview before anything is written.",
    choose_file: "Choose a file",
    full_roster: "This is the complete roster (people missing from it are marked as having left)",
    start: "Upload and preview",
    template: "Download the template",
    connectors: "HR system connectors",
    pull_now: "Pull now",
    no_connectors: "No connector configured yet (configure via the API)",
    history: "History",
    no_history: "No syncs yet",
    apply: "Apply",
    apply_confirm: "Write these changes to the records?",
    discard: "Discard",
    discard_confirm: "Discard this sync? Nothing will be written.",
    download_changes: "Download changes (Excel)",
    no_rows: "No rows of this kind",
    row: "Row ",
    row_suffix: "",
    choose_first: "Choose a file first",
    scheduled: "Scheduled",
    job_line: en_job_line,
};

fn zh_job_line(a: (String, String, i64, i64, i64)) -> String {
    format!("{} · {} · 新增 {} · 变更 {} · 无效 {}", a.0, a.1, a.2, a.3, a.4)
}

fn en_job_line(a: (String, String, i64, i64, i64)) -> String {
    format!("{} · {} · new {} · changed {} · invalid {}", a.0, a.1, a.2, a.3, a.4)
}

/// The texts in the language of `texts` (the app-wide choice).
pub fn of(texts: &Texts) -> &'static FeatureTexts {
    if texts.lang_code == "en" { &EN } else { &ZH }
}
