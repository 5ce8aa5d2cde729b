/*
 * baseline.c: A MEASURING STICK, NOT PRODUCT.
 *
 * The least a C server on the same stack (one libevent event_base, evhttp, hiredis async
 * with its libevent adapter, one shared Redis connection) has to do to answer the
 * import-service requests the benchmark sends, running the SAME Redis commands and the SAME
 * Lua scripts (bench/baseline/scripts/{create,list,update,prune}.lua, checked against the service by bench/run.sh).
 * bench/run.sh measures the Swift service against it; nothing else should ever run it.
 *
 * Deliberately left out: tenants and access control, Idempotency-Key, X-Correlation-ID,
 * URL/email checks (create checks types and required fields only), reconnecting to Redis
 * (it exits when Redis goes away), request timeouts, logging, metrics, graceful shutdown.
 *
 * Serves: GET /health, GET /api/imports/{id}, GET /api/imports?limit&offset&status&source_type,
 * POST /api/imports, PATCH /api/imports/{id}.
 * Config: PORT (8100), HOST (127.0.0.1), REDIS_URL (redis://host:port[/db] or host:port),
 * JOB_TTL_SECONDS (86400), BASELINE_SCRIPTS (directory of create/list/update/prune.lua).
 */
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>
#include <sys/random.h>
#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <hiredis/hiredis.h>
#include <hiredis/async.h>
#include <hiredis/adapters/libevent.h>
#include <cjson/cJSON.h>

enum { CREATE, LIST, UPDATE, PRUNE, SCRIPTS };
static const char *script_names[SCRIPTS] = {"create", "list", "update", "prune"};
static char shas[SCRIPTS][41];
static redisAsyncContext *redis;
static long ttl = 86400;
static char ttl_text[24];
static const char *statuses[] = {"pending", "processing", "completed", "failed", "cancelled", NULL};
static const char *source_types[] = {"jira", "servicenow", "github", "gitlab", NULL};
/* Per source type: the source_config fields in the service's rule order, "!" = secret (checked, not kept),
 * "?" = optional, "#" = string or positive integer. */
static const char *source_fields[][4] = {
    {"base_url", "email", "!api_token", "project_key"}, {"instance_url", "username", "!password", NULL},
    {"!token", "owner", "repo", NULL}, {"!token", "#project_id", "?base_url", NULL}};

typedef struct {
    struct evhttp_request *req;
    char request_id[130], job_id[37];
    int limit, offset;
    char *document;
} Exchange;

static uint64_t rng_state;
static uint64_t next_random(void) { /* splitmix64, seeded from getrandom */
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void new_uuid(char out[37]) { /* random version 4 UUID, lowercase */
    uint64_t high = (next_random() & ~0xF000ULL) | 0x4000ULL;
    uint64_t low = (next_random() & ~(0xC0ULL << 56)) | (0x80ULL << 56);
    int written = 0;
    for (int position = 0; position < 32; position++) {
        if (position == 8 || position == 12 || position == 16 || position == 20) out[written++] = '-';
        uint64_t word = position < 16 ? high : low;
        out[written++] = "0123456789abcdef"[(word >> (60 - 4 * (position % 16))) & 0xF];
    }
    out[36] = 0;
}

static int is_uuid(const char *text) {
    for (int i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) { if (text[i] != '-') return 0; }
        else if (!isxdigit((unsigned char)text[i])) return 0;
    }
    return text[36] == 0;
}

static void now_iso8601(char out[32], long long *milliseconds) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    long long ms = (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
    time_t seconds = (time_t)(ms / 1000);
    struct tm utc;
    gmtime_r(&seconds, &utc);
    size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &utc);
    snprintf(out + n, 32 - n, ".%03lldZ", ms % 1000);
    if (milliseconds) *milliseconds = ms;
}

static int one_of(const char *value, const char **allowed) {
    for (int i = 0; allowed[i]; i++) if (strcmp(value, allowed[i]) == 0) return i;
    return -1;
}

static void append_json_string(struct evbuffer *out, const char *text) {
    evbuffer_add(out, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == '"' || *p == '\\') evbuffer_add_printf(out, "\\%c", *p);
        else if (*p < 0x20) evbuffer_add_printf(out, "\\u%04x", *p);
        else evbuffer_add(out, p, 1);
    }
    evbuffer_add(out, "\"", 1);
}

static Exchange *exchange_new(struct evhttp_request *req) {
    Exchange *exchange = calloc(1, sizeof *exchange);
    exchange->req = req;
    const char *given = evhttp_find_header(evhttp_request_get_input_headers(req), "X-Request-ID");
    if (given && *given && strlen(given) <= 128) snprintf(exchange->request_id, sizeof exchange->request_id, "%s", given);
    else new_uuid(exchange->request_id);
    return exchange;
}

/* Sends the reply and frees the exchange (and `body` when given). */
static void reply(Exchange *exchange, int status, const char *type, struct evbuffer *body) {
    struct evkeyvalq *headers = evhttp_request_get_output_headers(exchange->req);
    evhttp_add_header(headers, "Content-Type", type);
    evhttp_add_header(headers, "X-Request-ID", exchange->request_id);
    evhttp_send_reply(exchange->req, status, NULL, body);
    if (body) evbuffer_free(body);
    free(exchange->document);
    free(exchange);
}

static void reply_text(Exchange *exchange, int status, const char *type, const char *text, size_t length) {
    struct evbuffer *body = evbuffer_new();
    evbuffer_add(body, text, length);
    reply(exchange, status, type, body);
}

static void fail(Exchange *exchange, int status, const char *title, const char *detail) {
    struct evbuffer *body = evbuffer_new();
    evbuffer_add_printf(body, "{\"type\":\"about:blank\",\"title\":\"%s\",\"status\":%d,\"detail\":", title, status);
    append_json_string(body, detail);
    evbuffer_add(body, "}", 1);
    reply(exchange, status, "application/problem+json", body);
}

/* A Redis failure (disconnect, error reply) as the service would answer it: 503 or 500. */
static int redis_failed(Exchange *exchange, redisReply *r) {
    if (!r) { fail(exchange, 503, "Service Unavailable", "Redis is unreachable"); return 1; }
    if (r->type == REDIS_REPLY_ERROR) { fail(exchange, 500, "Internal Server Error", "Redis error"); return 1; }
    return 0;
}

static void evalsha(int script, redisCallbackFn *done, Exchange *exchange, int argc, const char **args, const size_t *lengths) {
    const char *argv[16] = {"EVALSHA", shas[script]};
    size_t argvlen[16] = {7, 40};
    for (int i = 0; i < argc; i++) { argv[i + 2] = args[i]; argvlen[i + 2] = lengths ? lengths[i] : strlen(args[i]); }
    redisAsyncCommandArgv(redis, done, exchange, argc + 2, argv, argvlen);
}

/* GET /api/imports/{id}: GET import:job:{id}, the stored bytes passed through, or 404. */
static void got_job(redisAsyncContext *c, void *r, void *privdata) {
    (void)c;
    Exchange *exchange = privdata;
    redisReply *value = r;
    if (redis_failed(exchange, value)) return;
    if (value->type != REDIS_REPLY_STRING) return fail(exchange, 404, "Not Found", "no such job");
    reply_text(exchange, 200, "application/json", value->str, value->len);
}

/* GET /api/imports: the list script, then {"items":[...],"total":N,"limit":L,"offset":O}. */
static void listed(redisAsyncContext *c, void *r, void *privdata) {
    (void)c;
    Exchange *exchange = privdata;
    redisReply *page = r;
    if (redis_failed(exchange, page)) return;
    if (page->type != REDIS_REPLY_ARRAY || page->elements != 2 || page->element[1]->type != REDIS_REPLY_ARRAY)
        return fail(exchange, 500, "Internal Server Error", "unexpected reply from the list script");
    struct evbuffer *body = evbuffer_new();
    evbuffer_add(body, "{\"items\":[", 10);
    redisReply *documents = page->element[1];
    for (size_t i = 0; i < documents->elements; i++) {
        if (i > 0) evbuffer_add(body, ",", 1);
        evbuffer_add(body, documents->element[i]->str, documents->element[i]->len);
    }
    evbuffer_add_printf(body, "],\"total\":%lld,\"limit\":%d,\"offset\":%d}", page->element[0]->integer,
                        exchange->limit, exchange->offset);
    reply(exchange, 200, "application/json", body);
}

static void list(Exchange *exchange, const struct evhttp_uri *uri) {
    struct evkeyvalq query;
    const char *text = evhttp_uri_get_query(uri);
    const char *status = "", *source = "";
    exchange->limit = 20;
    if (evhttp_parse_query_str(text ? text : "", &query) != 0) return fail(exchange, 400, "Bad Request", "bad query");
    for (struct evkeyval *item = query.tqh_first; item; item = item->next.tqe_next) {
        char *end;
        long number = strtol(item->value, &end, 10);
        int ok = 1, numeric = *item->value && !*end;
        if (strcmp(item->key, "limit") == 0) {
            ok = numeric && number >= 1 && number <= 100;
            exchange->limit = (int)number;
        } else if (strcmp(item->key, "offset") == 0) {
            ok = numeric && number >= 0 && number <= 1000000000;
            exchange->offset = (int)number;
        } else if (strcmp(item->key, "status") == 0 && *item->value) {
            int index = one_of(item->value, statuses);
            if ((ok = index >= 0)) status = statuses[index];
        } else if (strcmp(item->key, "source_type") == 0 && *item->value) {
            int index = one_of(item->value, source_types);
            if ((ok = index >= 0)) source = source_types[index];
        }
        if (!ok) {
            char field[64];
            snprintf(field, sizeof field, "bad %s", item->key);
            evhttp_clear_headers(&query);
            return fail(exchange, 422, "Unprocessable Content", field);
        }
    }
    evhttp_clear_headers(&query);
    char offset[16], limit[16];
    snprintf(offset, sizeof offset, "%d", exchange->offset);
    snprintf(limit, sizeof limit, "%d", exchange->limit);
    const char *args[] = {"0", "", status, source, offset, limit};
    evalsha(LIST, listed, exchange, 6, args, NULL);
}

/* Parses a JSON object body, or answers 415 / 400 and returns NULL. */
static cJSON *json_body(Exchange *exchange) {
    const char *type = evhttp_find_header(evhttp_request_get_input_headers(exchange->req), "Content-Type");
    if (!type || strncasecmp(type, "application/json", 16) != 0) { fail(exchange, 415, "Unsupported Media Type", "send JSON"); return NULL; }
    struct evbuffer *input = evhttp_request_get_input_buffer(exchange->req);
    size_t length = evbuffer_get_length(input);
    cJSON *json = length ? cJSON_ParseWithLength((const char *)evbuffer_pullup(input, -1), length) : NULL;
    if (!cJSON_IsObject(json)) { cJSON_Delete(json); fail(exchange, 400, "Bad Request", "malformed JSON"); return NULL; }
    return json;
}

static void created(redisAsyncContext *c, void *r, void *privdata) {
    (void)c;
    Exchange *exchange = privdata;
    redisReply *outcome = r;
    if (redis_failed(exchange, outcome)) return;
    if (outcome->type != REDIS_REPLY_ARRAY || outcome->elements < 1 || strcmp(outcome->element[0]->str, "created") != 0)
        return fail(exchange, 500, "Internal Server Error", "unexpected reply from the create script");
    char location[64];
    snprintf(location, sizeof location, "/api/imports/%s", exchange->job_id);
    evhttp_add_header(evhttp_request_get_output_headers(exchange->req), "Location", location);
    reply_text(exchange, 201, "application/json", exchange->document, strlen(exchange->document));
}

/* POST /api/imports: the same document the service writes (fields in its order), the create script. */
static void create(Exchange *exchange) {
    cJSON *json = json_body(exchange);
    if (!json) return;
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(json, "source_type");
    const cJSON *config = cJSON_GetObjectItemCaseSensitive(json, "source_config");
    const cJSON *options = cJSON_GetObjectItemCaseSensitive(json, "options");
    int kind = cJSON_IsString(type) ? one_of(type->valuestring, source_types) : -1;
    const cJSON *batch = cJSON_GetObjectItemCaseSensitive(options, "batch_size");
    const cJSON *preview = cJSON_GetObjectItemCaseSensitive(options, "preview_limit");
    int batch_size = cJSON_IsNumber(batch) ? batch->valueint : 100, preview_limit = cJSON_IsNumber(preview) ? preview->valueint : 10;
    if (kind < 0 || !cJSON_IsObject(config) || batch_size < 1 || batch_size > 1000 || preview_limit < 0 || preview_limit > 1000) {
        cJSON_Delete(json);
        return fail(exchange, 422, "Unprocessable Content", "source_type, source_config or options");
    }
    char now[32];
    long long now_ms;
    now_iso8601(now, &now_ms);
    new_uuid(exchange->job_id);
    struct evbuffer *doc = evbuffer_new();
    evbuffer_add_printf(doc, "{\"job_id\":\"%s\",\"request_id\":", exchange->job_id);
    append_json_string(doc, exchange->request_id);
    evbuffer_add_printf(doc, ",\"status\":\"pending\",\"source_type\":\"%s\",\"created_at\":\"%s\",\"updated_at\":\"%s\","
                        "\"tenant_id\":null,\"correlation_id\":null,\"progress\":null,\"error\":null,\"started_at\":null,"
                        "\"completed_at\":null,\"options\":{\"batch_size\":%d,\"preview_limit\":%d},\"source\":{",
                        source_types[kind], now, now, batch_size, preview_limit);
    int kept = 0, ok = 1;
    for (int i = 0; i < 4 && source_fields[kind][i]; i++) {
        const char *rule = source_fields[kind][i], *name = strchr("!?#", rule[0]) ? rule + 1 : rule;
        const cJSON *value = cJSON_GetObjectItemCaseSensitive(config, name);
        int number = rule[0] == '#' && cJSON_IsNumber(value) && value->valuedouble >= 1;
        if (!number && !(cJSON_IsString(value) && value->valuestring[0])) { if (rule[0] != '?' || (value && !cJSON_IsNull(value))) ok = 0; continue; }
        if (rule[0] == '!') continue;
        evbuffer_add_printf(doc, "%s\"%s\":", kept++ ? "," : "", name);
        if (number) evbuffer_add_printf(doc, "%d", value->valueint); else append_json_string(doc, value->valuestring);
    }
    evbuffer_add(doc, "}}", 3); /* with the terminating NUL */
    cJSON_Delete(json);
    size_t length = evbuffer_get_length(doc);
    exchange->document = malloc(length);
    evbuffer_remove(doc, exchange->document, length);
    evbuffer_free(doc);
    if (!ok) return fail(exchange, 422, "Unprocessable Content", "source_config misses a required field");
    char key[48], created_ms[24];
    snprintf(key, sizeof key, "import:job:%s", exchange->job_id);
    snprintf(created_ms, sizeof created_ms, "%lld", now_ms);
    const char *args[] = {"2", key, key, exchange->job_id, exchange->document, ttl_text, created_ms, "", "pending", source_types[kind], ""};
    evalsha(CREATE, created, exchange, 11, args, NULL);
}

static void updated(redisAsyncContext *c, void *r, void *privdata) {
    (void)c;
    Exchange *exchange = privdata;
    redisReply *outcome = r;
    if (redis_failed(exchange, outcome)) return;
    const char *word = outcome->type == REDIS_REPLY_ARRAY && outcome->elements > 0 ? outcome->element[0]->str : "";
    if (strcmp(word, "updated") == 0 && outcome->elements == 4)
        return reply_text(exchange, 200, "application/json", outcome->element[1]->str, outcome->element[1]->len);
    if (strcmp(word, "not_found") == 0) return fail(exchange, 404, "Not Found", "no such job");
    if (strcmp(word, "conflict") == 0) return fail(exchange, 409, "Conflict", "illegal transition");
    fail(exchange, 500, "Internal Server Error", "unexpected reply from the update script");
}

/* Shortest decimal that reads back as the same double (what Swift's description prints). */
static void shortest_double(char out[32], double value) {
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(out, 32, "%.*g", precision, value);
        if (strtod(out, NULL) == value) return;
    }
}

/* PATCH /api/imports/{id}: {status?, progress?, error?} checked, then the update script. */
static void update(Exchange *exchange) {
    cJSON *json = json_body(exchange);
    if (!json) return;
    const char *status = "", *change = "keep", *error_text = "";
    char progress[128] = "";
    int ok = json->child != NULL;
    for (const cJSON *item = json->child; item && ok; item = item->next) {
        if (strcmp(item->string, "status") == 0) {
            ok = cJSON_IsString(item) && one_of(item->valuestring, statuses) >= 0;
            if (ok) status = item->valuestring;
        } else if (strcmp(item->string, "error") == 0) {
            ok = cJSON_IsNull(item) || (cJSON_IsString(item) && strlen(item->valuestring) <= 4096);
            change = cJSON_IsNull(item) ? "clear" : "set";
            if (cJSON_IsString(item)) error_text = item->valuestring;
        } else if (strcmp(item->string, "progress") == 0) {
            const cJSON *total = cJSON_GetObjectItemCaseSensitive(item, "total_items");
            const cJSON *processed = cJSON_GetObjectItemCaseSensitive(item, "processed_items");
            const cJSON *failed = cJSON_GetObjectItemCaseSensitive(item, "failed_items");
            ok = cJSON_IsNumber(total) && cJSON_IsNumber(processed) && (!failed || cJSON_IsNumber(failed));
            long long t = ok ? (long long)total->valuedouble : 0, p = ok ? (long long)processed->valuedouble : 0;
            long long f = ok && failed ? (long long)failed->valuedouble : 0;
            ok = ok && t >= 0 && p >= 0 && f >= 0 && p + f <= t;
            char percentage[32];
            shortest_double(percentage, t > 0 ? round((double)(p + f) / (double)t * 100 * 100) / 100 : 0);
            snprintf(progress, sizeof progress, "%lld %lld %lld %s", t, p, f, percentage);
        } else ok = 0;
    }
    if (!ok) { cJSON_Delete(json); return fail(exchange, 422, "Unprocessable Content", "status, progress or error"); }
    char now[32], key[48];
    now_iso8601(now, NULL);
    snprintf(key, sizeof key, "import:job:%s", exchange->job_id);
    const char *args[] = {"1", key, exchange->job_id, "", status, progress, change, error_text, now, ttl_text};
    evalsha(UPDATE, updated, exchange, 10, args, NULL);
    cJSON_Delete(json); /* hiredis has copied the arguments */
}

static void pinged(redisAsyncContext *c, void *r, void *privdata) {
    (void)c;
    if (redis_failed(privdata, r)) return;
    reply_text(privdata, 200, "application/json", "{\"status\":\"ok\",\"redis\":\"ok\"}", 29);
}

static void route(struct evhttp_request *req, void *arg) {
    (void)arg;
    Exchange *exchange = exchange_new(req);
    const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(req);
    const char *path = evhttp_uri_get_path(uri);
    enum evhttp_cmd_type method = evhttp_request_get_command(req);
    if (!path) path = "/";
    if (strcmp(path, "/health") == 0) { redisAsyncCommand(redis, pinged, exchange, "PING"); return; }
    if (strcmp(path, "/api/imports") == 0) {
        if (method == EVHTTP_REQ_GET) return list(exchange, uri);
        if (method == EVHTTP_REQ_POST) return create(exchange);
        return fail(exchange, 405, "Method Not Allowed", "GET or POST");
    }
    if (strncmp(path, "/api/imports/", 13) == 0 && is_uuid(path + 13)) {
        for (int i = 0; i < 36; i++) exchange->job_id[i] = (char)tolower((unsigned char)path[13 + i]);
        if (method == EVHTTP_REQ_GET) { redisAsyncCommand(redis, got_job, exchange, "GET import:job:%s", exchange->job_id); return; }
        if (method == EVHTTP_REQ_PATCH) return update(exchange);
        return fail(exchange, 405, "Method Not Allowed", "GET or PATCH");
    }
    fail(exchange, 404, "Not Found", "no such resource");
}

static void sweep(evutil_socket_t fd, short what, void *arg) { /* the service's expiry sweep: every 5 s, budget 1000 */
    (void)fd, (void)what, (void)arg;
    const char *args[] = {"0", "1000"};
    evalsha(PRUNE, NULL, NULL, 2, args, NULL);
}

static void connected(const redisAsyncContext *c, int status) {
    if (status != REDIS_OK) { fprintf(stderr, "baseline: redis connect failed: %s\n", c->errstr); exit(1); }
}

static void disconnected(const redisAsyncContext *c, int status) {
    (void)status;
    fprintf(stderr, "baseline: redis connection lost: %s (a measuring stick does not reconnect)\n", c->errstr);
    exit(1);
}

static const char *env(const char *name, const char *fallback) {
    const char *value = getenv(name);
    return value && *value ? value : fallback;
}

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    getrandom(&rng_state, sizeof rng_state, 0);
    ttl = atol(env("JOB_TTL_SECONDS", "86400"));
    snprintf(ttl_text, sizeof ttl_text, "%ld", ttl);
    char host[256] = "localhost";
    int redis_port = 6379, db = 0;
    const char *url = env("REDIS_URL", "redis://localhost:6379/0");
    if (strncmp(url, "redis://", 8) == 0) url += 8;
    sscanf(url, "%255[^:/]:%d/%d", host, &redis_port, &db);

    /* Load the scripts once, synchronously, so requests can use EVALSHA right away. */
    redisContext *sync = redisConnect(host, redis_port);
    if (!sync || sync->err) { fprintf(stderr, "baseline: cannot reach redis at %s:%d\n", host, redis_port); return 1; }
    for (int i = 0; i < SCRIPTS; i++) {
        char path[1024], *source = NULL;
        snprintf(path, sizeof path, "%s/%s.lua", env("BASELINE_SCRIPTS", SCRIPTS_DIR), script_names[i]);
        FILE *file = fopen(path, "rb");
        size_t length = 0;
        if (!file || getdelim(&source, &length, '\0', file) < 0) { fprintf(stderr, "baseline: cannot read %s\n", path); return 1; }
        fclose(file);
        redisReply *loaded = redisCommand(sync, "SCRIPT LOAD %s", source);
        if (!loaded || loaded->type != REDIS_REPLY_STRING) { fprintf(stderr, "baseline: SCRIPT LOAD %s failed\n", path); return 1; }
        snprintf(shas[i], sizeof shas[i], "%s", loaded->str);
        freeReplyObject(loaded);
        free(source);
    }
    redisFree(sync);

    struct event_base *base = event_base_new();
    redis = redisAsyncConnect(host, redis_port);
    if (!redis || redis->err) { fprintf(stderr, "baseline: redisAsyncConnect failed\n"); return 1; }
    redisLibeventAttach(redis, base);
    redisAsyncSetConnectCallback(redis, connected);
    redisAsyncSetDisconnectCallback(redis, disconnected);
    if (db) redisAsyncCommand(redis, NULL, NULL, "SELECT %d", db);

    struct evhttp *http = evhttp_new(base);
    evhttp_set_max_body_size(http, 1 << 20);
    evhttp_set_timeout(http, 30);
    evhttp_set_allowed_methods(http, EVHTTP_REQ_GET | EVHTTP_REQ_POST | EVHTTP_REQ_PATCH | EVHTTP_REQ_DELETE);
    evhttp_set_gencb(http, route, NULL);
    const char *listen_host = env("HOST", "127.0.0.1");
    int port = atoi(env("PORT", "8100"));
    if (evhttp_bind_socket(http, listen_host, (ev_uint16_t)port) != 0) {
        fprintf(stderr, "baseline: cannot listen on %s:%d\n", listen_host, port);
        return 1;
    }
    struct event *timer = event_new(base, -1, EV_PERSIST, sweep, NULL);
    struct timeval every = {5, 0};
    event_add(timer, &every);
    fprintf(stderr, "baseline: listening on http://%s:%d, redis %s:%d/%d\n", listen_host, port, host, redis_port, db);
    event_base_dispatch(base);
    return 0;
}
