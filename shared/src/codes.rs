//! Coded vocabularies. Each value has a stable code (stored in the database and sent over
//! the API) and a Chinese label for the UI. Codes never change; labels may.

use serde::{Deserialize, Serialize};

macro_rules! code_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($variant:ident = $code:literal / $label:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),*
        }

        // Written by hand: the derive does not see the `serde(rename)` of a macro-built enum
        // and would document the Rust variant names instead of the codes on the wire.
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($code),*]))
                    .description(Some(concat!("Codes:" $(, " `", $code, "` ", $label)*)))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stable code stored in the database and used in the API.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),* }
            }

            /// The Chinese label shown to users.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),* }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)* _ => None }
            }

            /// Accepts the code or the Chinese label (imports and forms use either).
            pub fn parse(text: &str) -> Option<$name> {
                let text = text.trim();
                Self::from_code(text).or_else(|| Self::ALL.iter().copied().find(|v| v.label() == text))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}
pub(crate) use code_enum;

code_enum! {
    /// Kinds of party organisation (domain.md §4).
    pub enum OrgKind {
        Committee = "committee" / "党委",
        GeneralBranch = "general_branch" / "党总支",
        Branch = "branch" / "党支部",
        JointBranch = "joint_branch" / "联合党支部",
        PartyGroup = "party_group" / "党小组",
    }
}

impl OrgKind {
    /// Default committee term in years (domain.md §4.2: 基层委员会 5, 支部/总支 3; 党小组 has no term).
    pub fn default_term_years(self) -> Option<i32> {
        match self {
            OrgKind::Committee => Some(5),
            OrgKind::GeneralBranch | OrgKind::Branch | OrgKind::JointBranch => Some(3),
            OrgKind::PartyGroup => None,
        }
    }

    /// Whether members' formal organisation relationship (正式组织关系) can be held here.
    pub fn holds_members(self) -> bool {
        matches!(self, OrgKind::Branch | OrgKind::JointBranch | OrgKind::GeneralBranch | OrgKind::Committee)
    }

    /// Whether `child` may be placed directly under an org of this kind.
    pub fn may_contain(self, child: OrgKind) -> bool {
        match self {
            OrgKind::Committee => child != OrgKind::PartyGroup,
            OrgKind::GeneralBranch => matches!(child, OrgKind::Branch | OrgKind::JointBranch),
            OrgKind::Branch | OrgKind::JointBranch => child == OrgKind::PartyGroup,
            OrgKind::PartyGroup => false,
        }
    }
}

code_enum! {
    pub enum OrgStatus {
        Active = "active" / "正常",
        Dissolved = "dissolved" / "已撤销",
    }
}

code_enum! {
    /// Sector of the unit the organisation is set up in (公报 breakdown, domain.md §6.3).
    pub enum Sector {
        Government = "government" / "机关",
        PublicInstitution = "public_institution" / "事业单位",
        Enterprise = "enterprise" / "企业",
        SocialOrganisation = "social_organisation" / "社会组织",
        Other = "other" / "其他",
    }
}

code_enum! {
    pub enum Gender {
        Male = "male" / "男",
        Female = "female" / "女",
    }
}

code_enum! {
    /// Education bands of the annual report (domain.md §6.3).
    pub enum Education {
        Postgraduate = "postgraduate" / "研究生",
        Bachelor = "bachelor" / "大学本科",
        JuniorCollege = "junior_college" / "大学专科",
        SecondaryVocational = "secondary_vocational" / "中专",
        HighSchool = "high_school" / "高中中技",
        MiddleSchoolOrBelow = "middle_school_or_below" / "初中及以下",
    }
}

code_enum! {
    /// The eight occupation categories of the national 公报 (domain.md §6.3).
    pub enum Occupation {
        Worker = "worker" / "工人（工勤技能人员）",
        Farmer = "farmer" / "农牧渔民",
        Professional = "professional" / "专业技术人员",
        Manager = "manager" / "管理人员",
        CivilServant = "civil_servant" / "党政机关工作人员",
        Student = "student" / "学生",
        Other = "other" / "其他职业人员",
        Retired = "retired" / "离退休人员",
    }
}

code_enum! {
    /// Where a person stands with the party. The first two are members; the rest are 群众
    /// at the stages of the development pipeline (domain.md §1.2).
    pub enum MembershipStatus {
        Formal = "formal" / "正式党员",
        Probationary = "probationary" / "预备党员",
        DevelopmentTarget = "development_target" / "发展对象",
        Activist = "activist" / "入党积极分子",
        Applicant = "applicant" / "入党申请人",
        Masses = "masses" / "群众",
    }
}

impl MembershipStatus {
    pub fn is_member(self) -> bool {
        matches!(self, MembershipStatus::Formal | MembershipStatus::Probationary)
    }
}

code_enum! {
    /// Why a person's record left the organisation. Records are never deleted.
    pub enum LeaveKind {
        TransferOut = "transfer_out" / "组织关系转出",
        Withdrawal = "withdrawal" / "退党",
        Removal = "removal" / "除名",
        Expulsion = "expulsion" / "开除党籍",
        ProbationCancelled = "probation_cancelled" / "取消预备党员资格",
        LostContact = "lost_contact" / "失联",
        Deceased = "deceased" / "死亡",
    }
}

code_enum! {
    /// The five role kinds of the platform. A user holds several, each scoped to an org.
    pub enum RoleKind {
        Masses = "masses" / "群众",
        Member = "member" / "党员",
        Branch = "branch" / "党支部",
        Committee = "committee" / "党委",
        Department = "department" / "政工部门",
    }
}

#[allow(clippy::derivable_impls)] // the enum is generated by a macro without a default variant
impl Default for MembershipStatus {
    fn default() -> Self {
        MembershipStatus::Formal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_labels_parse() {
        for kind in OrgKind::ALL {
            assert_eq!(OrgKind::from_code(kind.code()), Some(*kind));
            assert_eq!(OrgKind::parse(kind.label()), Some(*kind));
        }
        assert_eq!(Education::parse(" 大学本科 "), Some(Education::Bachelor));
        assert_eq!(Gender::parse("unknown"), None);
        assert_eq!(serde_json::to_string(&RoleKind::Department).unwrap(), "\"department\"");
    }

    #[test]
    fn org_nesting_rules() {
        assert!(OrgKind::Committee.may_contain(OrgKind::Branch));
        assert!(OrgKind::Branch.may_contain(OrgKind::PartyGroup));
        assert!(!OrgKind::PartyGroup.may_contain(OrgKind::Branch));
        assert!(!OrgKind::GeneralBranch.may_contain(OrgKind::Committee));
    }
}
