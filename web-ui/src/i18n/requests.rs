//! Texts of 请示/批复 outside one request and its form: the desk lists (`ListTexts`), the 档案
//! (`ArchiveTexts`) and the templates (`TemplateTexts`), apart so that each area carries only
//! what it shows. Drafting is in `request_form`, one request and the SMS page in `request_case`.

use super::Texts;

#[derive(Debug)]
pub struct ListTexts {
    pub title: &'static str,
    pub new: &'static str,
    pub templates: &'static str,
    pub archive: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub stage: &'static str,
    pub all_stages: &'static str,
    pub empty_to_do: &'static str,
    pub empty_mine: &'static str,
    pub empty_received: &'static str,
    pub to_org: fn(&str) -> String,
    pub from_org: fn(&str) -> String,
    pub due: fn(&str) -> String,
    pub overdue: &'static str,
    pub archived: &'static str,
    pub updated: fn(&str) -> String,
}

pub static LIST_ZH: ListTexts = ListTexts {
    title: "请示批复",
    new: "起草请示",
    templates: "请示模板",
    archive: "档案",
    search_label: "标题",
    search_hint: "按标题搜索",
    stage: "办理阶段",
    all_stages: "全部阶段",
    empty_to_do: "没有待您办理的请示",
    empty_mine: "本级还没有请示，可点击“起草请示”开始",
    empty_received: "没有收到下级报送的请示",
    to_org: |o| format!("主送：{o}"),
    from_org: |o| format!("来自：{o}"),
    due: |d| format!("批复期限 {d}"),
    overdue: "已逾期",
    archived: "已归档",
    updated: |t| format!("更新于 {t}"),
};

pub static LIST_EN: ListTexts = ListTexts {
    title: "Requests",
    new: "Draft a request",
    templates: "Templates",
    archive: "Archive",
    search_label: "Title",
    search_hint: "Search by title",
    stage: "Stage",
    all_stages: "All stages",
    empty_to_do: "Nothing waiting for you",
    empty_mine: "No requests yet",
    empty_received: "No requests received",
    to_org: |o| format!("To: {o}"),
    from_org: |o| format!("From: {o}"),
    due: |d| format!("reply due {d}"),
    overdue: "Overdue",
    archived: "Archived",
    updated: |t| format!("updated {t}"),
};

pub fn list_of(texts: &Texts) -> &'static ListTexts {
    if texts.lang_code == "en" { &LIST_EN } else { &LIST_ZH }
}

#[derive(Debug)]
pub struct ArchiveTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub year: &'static str,
    pub all_years: &'static str,
    pub search_label: &'static str,
    pub empty: &'static str,
    pub download: &'static str,
    pub retention: &'static str,
    pub size: &'static str,
    pub archived_by: fn(&str, &str) -> String,
    pub open_request: &'static str,
}

pub static ARCHIVE_ZH: ArchiveTexts = ArchiveTexts {
    title: "档案",
    intro: "已归档的请示及批复。每件一个归档包（ZIP），内含盖章的请示、批复PDF和文件清单。",
    year: "年度",
    all_years: "全部年度",
    search_label: "标题或发文字号",
    empty: "没有找到档案",
    download: "下载归档包",
    retention: "保管期限",
    size: "大小",
    archived_by: |who, at| format!("{who} 于 {at} 归档"),
    open_request: "查看请示",
};

pub static ARCHIVE_EN: ArchiveTexts = ArchiveTexts {
    title: "Archive",
    intro: "Archived requests and replies, one ZIP package each with the sealed PDFs and a manifest.",
    year: "Year",
    all_years: "All years",
    search_label: "Title or document number",
    empty: "No archives found",
    download: "Download package",
    retention: "Retention",
    size: "Size",
    archived_by: |who, at| format!("archived by {who} at {at}"),
    open_request: "Open request",
};

pub fn archive_of(texts: &Texts) -> &'static ArchiveTexts {
    if texts.lang_code == "en" { &ARCHIVE_EN } else { &ARCHIVE_ZH }
}

#[derive(Debug)]
pub struct TemplateTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub only_department: &'static str,
    pub empty: &'static str,
    pub version: fn(i32) -> String,
    pub fields_count: fn(usize) -> String,
    pub new: &'static str,
    pub edit: &'static str,
    pub form_new: &'static str,
    pub form_edit: fn(&str) -> String,
    pub code: &'static str,
    pub code_hint: &'static str,
    pub name: &'static str,
    pub title_pattern: &'static str,
    pub title_hint: &'static str,
    pub fields: &'static str,
    pub field_name: &'static str,
    pub field_label: &'static str,
    pub field_kind: &'static str,
    pub field_required: &'static str,
    pub field_hint: &'static str,
    pub add_field: &'static str,
    pub remove: &'static str,
    pub body: &'static str,
    pub body_hint: &'static str,
    pub reply_body: &'static str,
    pub reply_hint: &'static str,
    pub reply_days: &'static str,
    pub retention: &'static str,
    pub save: &'static str,
    pub saved: fn(&str, i32) -> String,
    pub need: &'static str,
    pub bad_name: &'static str,
    pub bad_days: &'static str,
    pub unknown_placeholders: fn(&str) -> String,
    pub fix_errors: &'static str,
}

pub static TEMPLATE_ZH: TemplateTexts = TemplateTexts {
    title: "请示模板",
    intro: "起草请示时从这里选择模板。保存即生成新版本；已起草的请示仍按原版本办理。",
    only_department: "只有政工部门可以维护请示模板",
    empty: "还没有请示模板",
    version: |v| format!("第{v}版"),
    fields_count: |n| format!("{n} 个填写项"),
    new: "新建模板",
    edit: "修改",
    form_new: "新建请示模板",
    form_edit: |name| format!("修改模板：{name}（保存为新版本）"),
    code: "模板编码",
    code_hint: "小写英文字母、数字和下划线，如 found_branch",
    name: "模板名称",
    title_pattern: "标题",
    title_hint: "用 {字段名} 引用填写项，如：关于成立{unit}党支部的请示",
    fields: "填写项",
    field_name: "字段名",
    field_label: "名称",
    field_kind: "类型",
    field_required: "必填",
    field_hint: "填写提示",
    add_field: "添加填写项",
    remove: "删除",
    body: "请示正文",
    body_hint: "每行一段；以“一、”“（一）”“1.”“（1）”开头的行是各级标题",
    reply_body: "批复正文",
    reply_hint: "可引用 {request_org} {request_title} {request_number} {decision}",
    reply_days: "批复期限（天）",
    retention: "保管期限",
    save: "保存为新版本",
    saved: |name, v| format!("已保存：{name} 第{v}版"),
    need: "请填写此项",
    bad_name: "只能用小写英文字母、数字和下划线",
    bad_days: "请填写1到365之间的天数",
    unknown_placeholders: |names| format!("引用了未定义的填写项：{names}"),
    fix_errors: "请先改正标出的内容",
};

pub static TEMPLATE_EN: TemplateTexts = TemplateTexts {
    title: "Request templates",
    intro: "Drafts start from these templates. Saving creates a new version; existing drafts keep theirs.",
    only_department: "Only the organisation department maintains templates",
    empty: "No templates yet",
    version: |v| format!("v{v}"),
    fields_count: |n| format!("{n} field(s)"),
    new: "New template",
    edit: "Edit",
    form_new: "New template",
    form_edit: |name| format!("Edit {name} (saved as a new version)"),
    code: "Code",
    code_hint: "lowercase letters, digits and _, e.g. found_branch",
    name: "Name",
    title_pattern: "Title",
    title_hint: "Use {field} for a field, e.g. 关于成立{unit}党支部的请示",
    fields: "Fields",
    field_name: "Name",
    field_label: "Label",
    field_kind: "Kind",
    field_required: "Required",
    field_hint: "Hint",
    add_field: "Add field",
    remove: "Remove",
    body: "Request body",
    body_hint: "One paragraph per line; lines starting 一、（一）1.（1） are headings",
    reply_body: "Reply body",
    reply_hint: "May use {request_org} {request_title} {request_number} {decision}",
    reply_days: "Reply due in (days)",
    retention: "Retention",
    save: "Save as new version",
    saved: |name, v| format!("Saved: {name} v{v}"),
    need: "Required",
    bad_name: "Lowercase letters, digits and _ only",
    bad_days: "1 to 365 days",
    unknown_placeholders: |names| format!("Unknown fields used: {names}"),
    fix_errors: "Please fix the marked fields",
};

pub fn template_of(texts: &Texts) -> &'static TemplateTexts {
    if texts.lang_code == "en" { &TEMPLATE_EN } else { &TEMPLATE_ZH }
}
