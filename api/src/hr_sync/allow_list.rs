//! Where the server may send HR requests. HR systems usually sit on the intranet, so the
//! deployment lists them (`[hr] allowed_hosts`, e.g. `["hr.example.cn", "10.2.3.4:8443"]`):
//! a connector's URL must name a listed host (and port, when the entry has one). At request
//! time the name is resolved once and the connection pinned to that address (no DNS
//! rebinding), and link-local / metadata, unspecified and multicast addresses are refused unless
//! the entry is that address itself.

use std::net::{IpAddr, SocketAddr, ToSocketAddrs};

/// The message a user sees when a URL is not allowed (names the setting, not the network).
pub const NOT_ALLOWED: &str = "该地址不在允许的人事系统地址中（请系统管理员在配置文件 [hr] allowed_hosts 中添加）";

fn entry_matches(entry: &str, host: &str, port: u16) -> bool {
    let entry = entry.trim().to_ascii_lowercase();
    let host = host.trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
    match entry.rsplit_once(':').filter(|(h, p)| !h.contains(':') && p.parse::<u16>().is_ok()) {
        Some((h, p)) => h == host && p.parse::<u16>().ok() == Some(port),
        None => entry.trim_start_matches('[').trim_end_matches(']') == host,
    }
}

/// Whether `url` names an allowed host; the error is the user-facing reason.
pub fn check(url: &url::Url, allowed: &[String]) -> Result<(), String> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err("请填写 http(s) 开头的完整地址".into());
    }
    let host = url.host_str().ok_or("地址缺少主机名")?;
    let port = url.port_or_known_default().unwrap_or(80);
    if allowed.iter().any(|e| entry_matches(e, host, port)) { Ok(()) } else { Err(NOT_ALLOWED.into()) }
}

fn never_reachable(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_link_local() || v4.is_unspecified() || v4.is_multicast() || v4.is_broadcast(),
        IpAddr::V6(v6) => {
            let link_local = (v6.segments()[0] & 0xffc0) == 0xfe80;
            link_local
                || v6.is_unspecified()
                || v6.is_multicast()
                || v6.to_ipv4_mapped().is_some_and(|v4| never_reachable(IpAddr::V4(v4)))
        }
    }
}

/// Resolves an allowed URL's host to the one address to connect to.
pub fn resolve(url: &url::Url, allowed: &[String]) -> Result<(String, SocketAddr), String> {
    check(url, allowed)?;
    let host = url.host_str().ok_or("地址缺少主机名")?.trim_start_matches('[').trim_end_matches(']').to_string();
    let port = url.port_or_known_default().unwrap_or(80);
    let addresses: Vec<SocketAddr> =
        (host.as_str(), port).to_socket_addrs().map_err(|_| "无法解析人事系统的主机名".to_string())?.collect();
    let listed_literally = |ip: IpAddr| allowed.iter().any(|e| entry_matches(e, &ip.to_string(), port));
    addresses
        .into_iter()
        .find(|a| !never_reachable(a.ip()) || listed_literally(a.ip()))
        .map(|a| (host, a))
        .ok_or_else(|| "人事系统的地址属于不允许访问的网段".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> url::Url {
        url::Url::parse(text).unwrap()
    }

    #[test]
    fn only_listed_hosts_and_ports_are_allowed() {
        let allowed = vec!["hr.example.cn".to_string(), "10.2.3.4:8443".to_string()];
        assert!(check(&url("https://hr.example.cn/api/people"), &allowed).is_ok());
        assert!(check(&url("https://HR.example.cn:9000/x"), &allowed).is_ok(), "a host entry allows any port");
        assert!(check(&url("http://10.2.3.4:8443/x"), &allowed).is_ok());
        assert!(check(&url("http://10.2.3.4:8080/x"), &allowed).is_err(), "that port is not listed");
        assert!(check(&url("http://127.0.0.1:5432/"), &allowed).is_err());
        assert!(check(&url("http://169.254.169.254/latest/meta-data/"), &allowed).is_err());
        assert!(check(&url("ftp://hr.example.cn/"), &allowed).is_err());
        assert!(check(&url("https://hr.example.cn.evil.example/"), &allowed).is_err());
    }

    #[test]
    fn metadata_addresses_are_refused_even_behind_a_listed_name() {
        assert!(never_reachable("169.254.169.254".parse().unwrap()));
        assert!(never_reachable("::ffff:169.254.169.254".parse().unwrap()));
        assert!(never_reachable("fe80::1".parse().unwrap()));
        assert!(!never_reachable("10.0.0.1".parse().unwrap()));
        assert!(!never_reachable("127.0.0.1".parse().unwrap()), "loopback is allowed only because it was listed");
        let listed = vec!["127.0.0.1".to_string()];
        assert_eq!(resolve(&url("http://127.0.0.1:18080/x"), &listed).unwrap().1.port(), 18080);
    }
}
