//! The papers of an election, made from its data: the ballot (候选人按姓氏笔画排列), the draft
//! 选举办法, the 主持词 outline, the 计票单 (PDF and XLSX) and the 选举结果报告.

use actix_web::{HttpResponse, get, web};
use chrono::NaiveDate;
use shared::api::elections::{ElectionDetail, ElectionKind};
use shared::error::ErrorBody;

use super::views;
use crate::auth::Actor;
use crate::documents::official::date_text;
use crate::documents::pdf::typst_string;
use crate::documents::xlsx::{Cell, Column, Sheet, workbook};
use crate::error::ApiError;
use crate::state::AppState;

/// One election paper: `ballot.pdf`, `method.pdf`, `script.pdf`, `tally.pdf`, `tally.xlsx` or
/// `report.pdf`.
#[utoipa::path(tag = "elections", params(("id" = i64, Path), ("name" = String, Path)), responses((status = 200, description = "PDF or XLSX"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[get("/elections/{id}/documents/{name}")]
pub async fn document(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, name) = path.into_inner();
    let (rules, today) = (state.config.election_rules.clone(), state.clock.today());
    let detail = state.db.read(move |conn| views::detail(conn, &actor, &rules, today, id)).await?;
    let paper = Paper::of(&name).ok_or_else(|| ApiError::not_found("文书"))?;
    let title = paper.title(&detail);
    let bytes = web::block(move || paper.render(&detail, today)).await.map_err(ApiError::internal)??;
    let media = if name.ends_with(".xlsx") { crate::files::Kind::Xlsx } else { crate::files::Kind::Pdf };
    Ok(crate::files::download::file(
        bytes,
        media.media_type(),
        &format!("{title}.{}", name.rsplit('.').next().unwrap_or("pdf")),
    ))
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Paper {
    Ballot,
    Method,
    Script,
    TallyPdf,
    TallyXlsx,
    Report,
}

fn electing(d: &ElectionDetail) -> String {
    d.election.new_org_name.clone().unwrap_or_else(|| d.election.org_name.clone())
}

fn body_name(d: &ElectionDetail) -> &'static str {
    if d.election.seats >= 3 { "委员会委员" } else { "书记、副书记" }
}

impl Paper {
    fn of(name: &str) -> Option<Paper> {
        Some(match name {
            "ballot.pdf" => Paper::Ballot,
            "method.pdf" => Paper::Method,
            "script.pdf" => Paper::Script,
            "tally.pdf" => Paper::TallyPdf,
            "tally.xlsx" => Paper::TallyXlsx,
            "report.pdf" => Paper::Report,
            _ => return None,
        })
    }

    fn title(self, d: &ElectionDetail) -> String {
        let org = electing(d);
        match self {
            Paper::Ballot => format!("{org}选举选票"),
            Paper::Method => format!("{org}{}选举办法（草案）", d.election.kind.label()),
            Paper::Script => format!("{org}党员大会主持词"),
            Paper::TallyPdf | Paper::TallyXlsx => format!("{org}选举计票单"),
            Paper::Report => format!("关于{org}{}结果的报告", d.election.kind.label()),
        }
    }

    fn render(self, d: &ElectionDetail, today: NaiveDate) -> Result<Vec<u8>, ApiError> {
        let needs = match self {
            Paper::Ballot | Paper::Method | Paper::Script => !d.candidates.is_empty(),
            Paper::TallyPdf | Paper::TallyXlsx => !d.rounds.is_empty(),
            Paper::Report => !d.elected.is_empty(),
        };
        if !needs {
            return Err(ApiError::invalid_state(match self {
                Paper::Ballot | Paper::Method | Paper::Script => "确定候选人预备人选后方可生成",
                Paper::TallyPdf | Paper::TallyXlsx => "录入计票结果后方可生成",
                Paper::Report => "选举产生当选人后方可生成",
            }));
        }
        if self == Paper::TallyXlsx {
            return tally_xlsx(d, &self.title(d));
        }
        let body = match self {
            Paper::Ballot => ballot(d),
            Paper::Method => paragraphs(&method(d)),
            Paper::Script => paragraphs(&script(d)),
            Paper::TallyPdf => tally_table(d),
            _ => paragraphs(&report(d, today)),
        };
        let markup = format!(
            r##"#set page(paper: "a4", margin: (x: 2.4cm, y: 2.4cm))
#set text(font: ("Noto Serif CJK SC", "Noto Sans CJK SC"), size: 12pt, lang: "zh", region: "cn")
#set par(leading: 0.9em, justify: false)
#align(center, text(size: 18pt, weight: "bold", font: "Noto Sans CJK SC", {title}))
#v(12pt)
{body}
"##,
            title = typst_string(&self.title(d)),
        );
        crate::documents::pdf::render(&markup, today).map_err(ApiError::internal)
    }
}

fn paragraphs(lines: &[String]) -> String {
    lines.iter().map(|l| format!("#par(first-line-indent: 2em, {})\n", typst_string(l))).collect()
}

fn ballot(d: &ElectionDetail) -> String {
    let (seats, ids) = match &d.next_round {
        Some(r) => (r.seats, r.candidates.clone()),
        None => (d.election.seats, d.candidates.iter().map(|c| c.person_id.0).collect()),
    };
    let names: Vec<&str> = ids
        .iter()
        .filter_map(|id| d.candidates.iter().find(|c| c.person_id.0 == *id))
        .map(|c| c.name.as_str())
        .collect();
    let cols = names.len().clamp(1, 7);
    let mut cells = String::new();
    for chunk in names.chunks(cols) {
        for n in chunk {
            cells.push_str(&format!("{}, ", typst_string(n)));
        }
        for _ in chunk.len()..cols {
            cells.push_str("[], ");
        }
        for _ in 0..cols {
            cells.push_str("block(height: 1.2cm)[], ");
        }
    }
    let note = format!(
        "应选{seats}名，候选人{}名（按姓氏笔画排列）。赞成的在姓名下方空格内划“○”，不赞成的划“×”，弃权的不划任何符号。所选人数多于应选人数的为废票。",
        names.len()
    );
    format!(
        "#par({note})\n#v(10pt)\n#table(columns: (1fr,) * {cols}, align: center + horizon, inset: 8pt, {cells})\n#v(16pt)\n#align(right, {date})\n",
        note = typst_string(&note),
        date = typst_string(&format!("{}  党员大会", date_text(d.election.planned_on))),
    )
}

fn method(d: &ElectionDetail) -> Vec<String> {
    let e = &d.election;
    let n = d.candidates.len();
    vec![
        format!(
            "根据《中国共产党章程》和《中国共产党基层组织选举工作条例》的有关规定，结合实际，制定本办法。{}定于{}召开党员大会，选举产生{}。",
            electing(d),
            date_text(e.planned_on),
            body_name(d)
        ),
        format!(
            "一、本次选举应选{}名，候选人{}名，实行差额选举，差额比例为{}%。候选人名单按姓氏笔画排列。",
            e.seats,
            n,
            (n as u32).saturating_sub(e.seats) * 100 / e.seats.max(1)
        ),
        format!(
            "二、有选举权的正式党员{}名。预备党员参加会议，但没有表决权、选举权和被选举权。有选举权的到会人数超过应到会人数的五分之四，会议有效。",
            d.roll.entitled
        ),
        "三、选举采用无记名投票方式。选票上的候选人赞成的划“○”，不赞成的划“×”，弃权的不划任何符号；另选他人的，在候选人名单后的空格内写上另选人姓名，并在其下方划“○”。".into(),
        "四、每张选票所选人数等于或少于应选人数的为有效票，多于应选人数的为废票。收回的选票等于或少于发出的选票，选举有效；多于发出的选票，选举无效，应重新进行选举。".into(),
        "五、被选举人获得的赞成票超过实到会有选举权人数的一半，始得当选。获得赞成票超过半数的被选举人多于应选名额时，以得票多少为序至取足应选名额为止；出现票数相等不能确定当选人时，应就票数相等的被选举人重新投票，得票多的当选。当选人少于应选名额时，对不足的名额另行选举。".into(),
        "六、大会设监票人、计票人若干名，由全体党员从不是候选人的党员中推选产生，在监票人监督下进行计票。".into(),
        "七、选举结果由监票人向大会报告，由会议主持人宣布当选人名单，并报上级党组织审批。".into(),
    ]
}

fn script(d: &ElectionDetail) -> Vec<String> {
    let e = &d.election;
    vec![
        format!(
            "同志们：{}党员大会现在开始。本支部有选举权的正式党员{}名，请工作人员报告到会人数。",
            electing(d),
            d.roll.entitled
        ),
        "一、奏唱《国际歌》（或全体起立）。".into(),
        "二、听取并审议上届委员会工作报告（换届）或补选情况说明（增补）；有党费收缴、使用和管理情况的，一并报告。"
            .into(),
        "三、审议通过《选举办法（草案）》，推选监票人、计票人（候选人不得担任）。".into(),
        format!("四、介绍候选人情况：应选{}名，候选人{}名，按姓氏笔画排列。", e.seats, d.candidates.len()),
        "五、检查票箱，分发选票，说明填写方法；无记名投票。".into(),
        "六、监票人、计票人清点选票，当场计票；监票人报告计票结果。".into(),
        "七、主持人宣布当选名单；当选人少于应选名额的，对不足名额另行选举。".into(),
        "八、新当选的委员会召开第一次全体会议，选举书记、副书记，确定分工，报上级党组织批准。".into(),
        "九、大会结束。".into(),
    ]
}

fn name_of(d: &ElectionDetail, id: i64) -> String {
    d.candidates.iter().find(|c| c.person_id.0 == id).map_or_else(|| id.to_string(), |c| c.name.clone())
}

fn tally_table(d: &ElectionDetail) -> String {
    let mut out = String::new();
    for r in &d.rounds {
        let head = format!(
            "第{}轮：应选{}名；应到会{}人，实到会{}人；发出选票{}张，收回{}张，有效{}张，无效{}张{}",
            r.number,
            r.seats,
            r.entitled,
            r.present,
            r.issued,
            r.returned,
            r.count.valid_ballots,
            r.count.invalid_ballots,
            if r.count.void { "；收回多于发出，本轮无效" } else { "" }
        );
        out.push_str(&format!("#par({})\n#v(4pt)\n", typst_string(&head)));
        let mut cells = String::new();
        for v in &r.count.votes {
            let result = if r.count.elected.contains(&v.person_id) {
                "当选"
            } else if r.count.tied.contains(&v.person_id) {
                "票数相等，另行选举"
            } else {
                "未当选"
            };
            for cell in [name_of(d, v.person_id), v.votes.to_string(), result.to_string()] {
                cells.push_str(&typst_string(&cell));
                cells.push_str(", ");
            }
        }
        out.push_str(&format!(
            "#table(columns: (1fr, auto, auto), inset: 6pt, [*候选人*], [*赞成票*], [*结果*], {cells})\n#v(10pt)\n"
        ));
    }
    out.push_str("#v(20pt)\n#par([监票人（签名）：#h(6em) 计票人（签名）：])\n");
    out
}

fn tally_xlsx(d: &ElectionDetail, title: &str) -> Result<Vec<u8>, ApiError> {
    const COLUMNS: [Column; 9] = [
        Column::new("轮次", 8.0),
        Column::new("候选人", 14.0),
        Column::new("赞成票", 10.0),
        Column::new("结果", 18.0),
        Column::new("应到会", 10.0),
        Column::new("实到会", 10.0),
        Column::new("发出选票", 10.0),
        Column::new("收回选票", 10.0),
        Column::new("有效选票", 10.0),
    ];
    let mut rows = Vec::new();
    for r in &d.rounds {
        for v in &r.count.votes {
            let result = if r.count.void {
                "本轮无效"
            } else if r.count.elected.contains(&v.person_id) {
                "当选"
            } else if r.count.tied.contains(&v.person_id) {
                "票数相等"
            } else {
                "未当选"
            };
            rows.push(vec![
                Cell::Number(f64::from(r.number)),
                Cell::Text(name_of(d, v.person_id)),
                Cell::Number(f64::from(v.votes)),
                Cell::from(result),
                Cell::Number(f64::from(r.entitled)),
                Cell::Number(f64::from(r.present)),
                Cell::Number(f64::from(r.issued)),
                Cell::Number(f64::from(r.returned)),
                Cell::Number(f64::from(r.count.valid_ballots)),
            ]);
        }
    }
    workbook(&[Sheet { name: "计票单", title: Some(title.to_string()), columns: &COLUMNS, rows }])
}

fn report(d: &ElectionDetail, today: NaiveDate) -> Vec<String> {
    let e = &d.election;
    let last = d.rounds.iter().rev().find(|r| !r.count.void);
    let elected: Vec<String> = d.elected.iter().map(|c| c.name.clone()).collect();
    let posts: Vec<String> =
        d.posts.iter().map(|p| format!("{}任{}", name_of_any(d, p.person_id.0), p.post.label())).collect();
    let what = match e.kind {
        ElectionKind::Founding => "成立党支部并选举",
        ElectionKind::Reelection => "换届选举",
        ElectionKind::ByElection => "补选",
    };
    let mut lines = vec![format!("{}：", e.upper_org_name)];
    lines.push(match last {
        Some(r) => format!(
            "经上级党组织批复同意，{}于{}召开党员大会进行{}。应到会有选举权的党员{}名，实到会{}名，符合规定人数。大会采用无记名投票、差额选举的方式，发出选票{}张，收回{}张，其中有效票{}张，选举有效。",
            electing(d),
            date_text(e.planned_on),
            what,
            r.entitled,
            r.present,
            r.issued,
            r.returned,
            r.count.valid_ballots
        ),
        None => format!("{}于{}召开党员大会进行{}。", electing(d), date_text(e.planned_on), what),
    });
    lines.push(format!("经选举，{}当选为{}（按姓氏笔画排列）。", elected.join("、"), body_name(d)));
    if !posts.is_empty() {
        lines.push(format!("新一届委员会第一次全体会议选举并确定：{}。", posts.join("，")));
    }
    lines.push("妥否，请批示。".into());
    lines.push(format!("{}    {}", electing(d), date_text(today)));
    lines
}

fn name_of_any(d: &ElectionDetail, id: i64) -> String {
    d.elected.iter().find(|c| c.person_id.0 == id).map_or_else(|| name_of(d, id), |c| c.name.clone())
}
