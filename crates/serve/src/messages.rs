//! What the server says, each message in Chinese and English (the core's `catalogue!`
//! table: a message cannot be added in one language only, and a test checks both). The
//! records' own words (diagnostics, trace, labels) come from the library and the policy.

zhengce::catalogue! {
    /// A message of the server.
    pub enum ServeMsg {
        /// a path that is no route (the path)
        NotFound => "没有这个地址：`{}`（`GET /v1/openapi.json` 列出全部地址）", "no such route: `{}` (`GET /v1/openapi.json` lists them all)";
        /// a route asked with another method (path, method, the methods it takes)
        MethodNotAllowed => "`{}` 不接受 {} 请求；可用的方法：{}", "`{}` does not take {} requests; it takes {}";
        /// a body over the limit (limit in bytes)
        BodyTooLarge => "请求体超过上限 {} 字节", "the request body is over the limit of {} bytes";
        /// a body that could not be read (why)
        BodyUnreadable => "无法读取请求体：{}", "cannot read the request body: {}";
        /// a body that did not arrive in time (seconds)
        BodyTimeout => "{} 秒内未收到完整的请求体", "the request body did not arrive within {} seconds";
        /// a content type the route does not read (the type given, the types it reads)
        UnsupportedMediaType => "不支持的内容类型 `{}`；此地址接受：{}", "unsupported content type `{}`; this route takes {}";
        /// a query parameter the route does not know (name, the known ones)
        UnknownParameter => "未知的查询参数 `{}`；此地址可用：{}", "unknown query parameter `{}`; this route takes {}";
        /// a query parameter the route takes none of
        NoParameters => "此地址不接受查询参数（收到 `{}`）", "this route takes no query parameter (got `{}`)";
        /// a query parameter given twice (name)
        RepeatedParameter => "查询参数 `{}` 出现了不止一次", "the query parameter `{}` is given more than once";
        /// a query parameter with a value it cannot take (name, value, what it takes)
        BadParameter => "查询参数 `{}` 的值 `{}` 无效：应为 {}", "the query parameter `{}` has the value `{}`: it takes {}";
        /// what `?as_of=` takes
        TakesDate => "日期 YYYY-MM-DD", "a date YYYY-MM-DD";
        /// ID numbers asked for by a server that does not show them
        PiiNotAllowed => "本服务启动时没有 `--allow-pii`：身份证号码一律遮盖", "this server was started without `--allow-pii`: ID numbers are always masked";
        /// a body with no case
        NoCase => "请求体中没有案件", "the request body holds no case";
        /// a body with several cases (how many)
        SeveralCases => "请求体中有 {} 个案件，每个请求只能有一个；多个案件请用 `POST /v1/decisions:batch`", "the request body holds {} cases, and a request takes one; for many cases use `POST /v1/decisions:batch`";
        /// too many decisions at once (the limit)
        Overloaded => "服务繁忙：已有 {} 个请求在处理，这是同时处理的上限；请稍后重试", "the server is busy: {} requests are in progress, the most it takes at once; try again shortly";
        /// too many batches at once (the limit)
        TooManyBatches => "同时进行的批量评估已达上限 {} 个；请等其中一个结束后再试", "{} batches are running, the most at once; try again when one has finished";
        /// a batch over its count of cases (the limit)
        BatchTooManyCases => "一次批量评估最多 {} 个案件，其后的内容未读取", "a batch request takes at most {} cases; the rest was not read";
        /// a batch body over its size (the limit)
        BatchTooLarge => "批量评估的请求体超过上限 {} 字节，其后的内容未读取", "the batch's body is over the limit of {} bytes; the rest was not read";
        /// a batch whose client sent nothing for a while (seconds)
        BatchStalled => "{} 秒内没有收到更多内容，批量评估已停止", "nothing more arrived within {} seconds: the batch was stopped";
        /// `?explain=brief` on a batch
        BriefNotInBatch => "批量评估只接受 `explain=none` 或 `explain=full`", "a batch takes `explain=none` or `explain=full` only";
        /// reload asked with no token
        AdminTokenMissing => "需要管理令牌：`Authorization: Bearer <令牌>`", "an admin token is needed: `Authorization: Bearer <token>`";
        /// reload asked with a wrong token
        AdminTokenWrong => "管理令牌不正确", "the admin token is wrong";
        /// reload over HTTP with no token set
        ReloadDisabled => "服务没有设置管理令牌（`ZHENGCE_ADMIN_TOKEN` 或 `--admin-token-file`），不能通过 HTTP 重新加载政策；可向进程发送 SIGHUP", "no admin token is set (`ZHENGCE_ADMIN_TOKEN` or `--admin-token-file`), so the policy cannot be reloaded over HTTP; send the process SIGHUP";
        /// a reload refused (errors, the hash still in force)
        ReloadRefused => "政策文件有 {} 个错误，未重新加载；仍使用原政策 {}", "the policy files have {} errors and were not loaded; the policy in force is still {}";
        /// a reload done (old hash, new hash)
        Reloaded => "已重新加载政策：{} → {}", "policy reloaded: {} → {}";
        /// a version the policy does not have (given, the known ones)
        UnknownVersion => "政策中没有版本 `{}`；可用的有：{}", "the policy has no version `{}`; it has {}";
        /// something the server did not expect (what)
        Internal => "服务器内部错误：{}", "internal server error: {}";
        /// listening (address, policy id, its hash)
        Listening => "zhengce serve 正在监听 http://{}（政策 {}，{}）", "zhengce serve listening on http://{} (policy {}, {})";
        /// cannot listen (address, why)
        CannotListen => "错误：无法监听 {}：{}", "error: cannot listen on {}: {}";
        /// bound to an address other machines reach (address)
        NotLoopback => "注意：{} 不是本机回环地址，其他机器可以访问本服务；请放在反向代理之后，并只向可信的网络开放", "note: {} is not a loopback address, so other machines reach this server; put it behind a reverse proxy and open it to trusted networks only";
        /// the admin token file cannot be read (path, why)
        CannotReadToken => "错误：无法读取管理令牌文件 `{}`：{}", "error: cannot read the admin token file `{}`: {}";
        /// the admin token is empty (where it was read from)
        EmptyToken => "错误：管理令牌为空（{}）", "error: the admin token is empty ({})";
        /// the runtime could not start (why)
        CannotStart => "错误：无法启动服务：{}", "error: the server cannot start: {}";
        /// a signal to stop (the signal)
        Stopping => "收到 {}，停止接受新连接，等待进行中的请求结束", "{} received: no new connections; waiting for the requests in progress";
        /// a reload by SIGHUP
        SighupReceived => "收到 SIGHUP，重新加载政策", "SIGHUP received: reloading the policy";
    }
}

zhengce::catalogue! {
    /// What `GET /metrics` says each metric is (its `# HELP` line).
    pub enum MetricMsg {
        /// requests by route, method and status
        Requests => "按地址、方法和状态码统计的 HTTP 请求数", "HTTP requests by route, method and status";
        /// the latency histogram
        Latency => "从收到请求到写出响应头的时间（秒）", "time from a request's arrival to its response's head, in seconds";
        /// decisions by status
        Decisions => "单个案件的决定数（ok：已评估；error：案件有错误）", "single-case decisions by status (ok: evaluated; error: the case has errors)";
        /// yes/no decision fields
        DecisionFields => "决定中各是否字段的取值计数（字段名取自政策）", "values of the decision's yes/no fields (the field names are the policy's)";
        /// batch cases
        BatchCases => "批量评估中的案件数（ok：已评估；error：错误记录）", "cases of batch requests (ok: evaluated; error: an error record)";
        /// requests in progress
        InFlight => "正在处理的决定请求数", "decision requests in progress";
        /// batches in progress
        BatchesRunning => "正在进行的批量评估数", "batch requests in progress";
        /// reloads
        Reloads => "政策重新加载次数（swapped：已换用；refused：有错误未换用）", "policy reloads (swapped: put in force; refused: had errors)";
        /// the policy in force
        PolicyInfo => "当前使用的政策及其文件哈希", "the policy in force and the hash of its files";
    }
}

#[cfg(test)]
mod tests {
    use super::{MetricMsg, ServeMsg};

    #[test]
    fn every_message_has_both_languages() {
        ServeMsg::check_all().unwrap();
        MetricMsg::check_all().unwrap();
    }
}
