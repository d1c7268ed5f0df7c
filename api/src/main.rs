fn main() -> std::process::ExitCode {
    dangjian_api::cli::main()
}
