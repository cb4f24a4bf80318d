/*
 * Keyword search's peer in C (bench.py runs it beside the service): the statements the service runs for a page of
 * 10 (KeywordSearch and Searches.load), through SQLite's C API on the same file, with no interpreter, no JVM, no
 * HTTP and no JSON. With 2 slices it ranks as the service does when a core is free (DocumentSlices): the two halves
 * of the document numbers at once, the second on a helper thread that waits on a condition variable between queries,
 * each on its own connection, merged by score. Statements are prepared once (those with an IN list once per length).
 *
 *   cc -O2 -o keyword_peer keyword_peer.c -lsqlite3 -lpthread
 *   keyword_peer DB QUERIES SLICES WARMUP
 *
 * QUERIES: one query a line, "every term<TAB>any term" as FTS5 expressions (SearchQuery.allTerms / anyTerm); the first
 * WARMUP lines are run untimed. STATEMENTS (bench.py writes it from its own, so that both peers run one copy of the
 * service's SQL): "limit window first_check" (KeywordSearch's), then the ranking, visibility, snippets, rows and tags
 * statements a line each, an IN list marked {}. Prints "p50_ms p99_ms cpu_ms_per_query sqlite_version".
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MOST_IDS 256

/* From STATEMENTS: the page and one more, how deep FTS5 ranks, how many of those are checked for visibility first. */
static int limit, window, first_check;
enum { BEST, VISIBLE, SNIPPETS, LOAD, TAGS, STATEMENTS };
/* Each statement's SQL before and after its IN list's "{}" (all of it before, and "" after, when it has none). */
static char *head[STATEMENTS], *tail[STATEMENTS];

typedef struct { int64_t doc; double score; char id[64]; } hit;

/* One connection and its statements: BEST once, the IN-list statements once per length. */
typedef struct {
    sqlite3 *db;
    sqlite3_stmt *best;
    sqlite3_stmt *visible[MOST_IDS + 1], *snippets[MOST_IDS + 1], *load[MOST_IDS + 1], *tags[MOST_IDS + 1];
} conn;

static void die(sqlite3 *db, const char *what) {
    fprintf(stderr, "%s: %s\n", what, db ? sqlite3_errmsg(db) : "");
    exit(1);
}

static void open_conn(conn *c, const char *path) {
    memset(c, 0, sizeof *c);
    if (sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) die(c->db, "open");
    if (sqlite3_prepare_v3(c->db, head[BEST], -1, SQLITE_PREPARE_PERSISTENT, &c->best, NULL) != SQLITE_OK)
        die(c->db, head[BEST]);
}

/* head, then n "?" separated by commas, then tail; prepared once per n and kept. */
static sqlite3_stmt *in_list(conn *c, sqlite3_stmt **cache, int n, int which) {
    if (cache[n]) return cache[n];
    char sql[8192];
    int len = snprintf(sql, sizeof sql, "%s", head[which]);
    for (int i = 0; i < n; i++) len += snprintf(sql + len, sizeof sql - len, i ? ",?" : "?");
    snprintf(sql + len, sizeof sql - len, "%s", tail[which]);
    if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &cache[n], NULL) != SQLITE_OK) die(c->db, sql);
    return cache[n];
}

/* Every row of a statement, each column read as the service's JDBC code reads it (text or number). */
static int drain(sqlite3_stmt *s) {
    int rows = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(s); i++) sqlite3_column_text(s, i);
        rows++;
    }
    sqlite3_reset(s);
    return rows;
}

/* KeywordSearch.rankWithin: the window's best by bm25, then those visible, the first first_check at first. */
static int rank_within(conn *c, const char *match, int64_t first, int64_t last, hit *top) {
    hit best[MOST_IDS];
    int n = 0;
    sqlite3_bind_text(c->best, 1, match, -1, SQLITE_STATIC);
    sqlite3_bind_int64(c->best, 2, first);
    sqlite3_bind_int64(c->best, 3, last);
    sqlite3_bind_int(c->best, 4, window);
    while (sqlite3_step(c->best) == SQLITE_ROW && n < window) {
        best[n].doc = sqlite3_column_int64(c->best, 0);
        best[n].score = sqlite3_column_double(c->best, 1);
        best[n].id[0] = 0;
        n++;
    }
    sqlite3_reset(c->best);
    int found = 0, checked = 0, chunk = first_check;
    while (found < limit && checked < n) {
        int part = n - checked < chunk ? n - checked : chunk;
        sqlite3_stmt *s = in_list(c, c->visible, part, VISIBLE);
        for (int i = 0; i < part; i++) sqlite3_bind_int64(s, i + 1, best[checked + i].doc);
        while (sqlite3_step(s) == SQLITE_ROW) {
            int64_t doc = sqlite3_column_int64(s, 0);
            for (int i = checked; i < checked + part; i++)
                if (best[i].doc == doc) snprintf(best[i].id, sizeof best[i].id, "%s", sqlite3_column_text(s, 1));
        }
        sqlite3_reset(s);
        for (int i = checked; i < checked + part && found < limit; i++)
            if (best[i].id[0]) top[found++] = best[i];
        checked += part;
        chunk = n - checked;
    }
    return found;
}

/* The helper: ranks the second half of each query when told, on its own connection. */
static struct {
    pthread_mutex_t lock;
    pthread_cond_t told, done;
    conn c;
    const char *match;
    int64_t first;
    int busy, found, stop;
    hit top[MOST_IDS];
} helper = {.lock = PTHREAD_MUTEX_INITIALIZER, .told = PTHREAD_COND_INITIALIZER, .done = PTHREAD_COND_INITIALIZER};

static void *help(void *unused) {
    (void) unused;
    pthread_mutex_lock(&helper.lock);
    for (;;) {
        while (!helper.busy && !helper.stop) pthread_cond_wait(&helper.told, &helper.lock);
        if (helper.stop) break;
        pthread_mutex_unlock(&helper.lock);
        int found = rank_within(&helper.c, helper.match, helper.first, INT64_MAX, helper.top);
        pthread_mutex_lock(&helper.lock);
        helper.found = found;
        helper.busy = 0;
        pthread_cond_signal(&helper.done);
    }
    pthread_mutex_unlock(&helper.lock);
    return NULL;
}

static int by_score(const void *a, const void *b) {
    const hit *x = a, *y = b;
    return x->score < y->score ? -1 : x->score > y->score ? 1 : (x->doc > y->doc) - (x->doc < y->doc);
}

static void one(conn *c, int slices, int64_t half, const char *all, const char *any) {
    hit top[2 * MOST_IDS];
    int found;
    if (slices == 1) {
        found = rank_within(c, all, INT64_MIN, INT64_MAX, top);
    } else {
        pthread_mutex_lock(&helper.lock);
        helper.match = all;
        helper.first = half + 1;
        helper.busy = 1;
        pthread_cond_signal(&helper.told);
        pthread_mutex_unlock(&helper.lock);
        found = rank_within(c, all, INT64_MIN, half, top);
        pthread_mutex_lock(&helper.lock);
        while (helper.busy) pthread_cond_wait(&helper.done, &helper.lock);
        memcpy(top + found, helper.top, helper.found * sizeof(hit));
        found += helper.found;
        pthread_mutex_unlock(&helper.lock);
        qsort(top, found, sizeof(hit), by_score);
    }
    int page = found < limit - 1 ? found : limit - 1;
    if (page == 0) return;
    sqlite3_stmt *s = in_list(c, c->snippets, page, SNIPPETS);
    sqlite3_bind_text(s, 1, any, -1, SQLITE_STATIC);
    for (int i = 0; i < page; i++) sqlite3_bind_text(s, i + 2, top[i].id, -1, SQLITE_STATIC);
    drain(s);
    s = in_list(c, c->load, page, LOAD);
    for (int i = 0; i < page; i++) sqlite3_bind_text(s, i + 1, top[i].id, -1, SQLITE_STATIC);
    drain(s);
    s = in_list(c, c->tags, page, TAGS);
    for (int i = 0; i < page; i++) sqlite3_bind_text(s, i + 1, top[i].id, -1, SQLITE_STATIC);
    drain(s);
}

static double now(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

/* STATEMENTS' first line, the limits, then one statement a line, each split at its "{}". */
static void read_statements(const char *path) {
    FILE *f = fopen(path, "r");
    char line[8192];
    if (!f || !fgets(line, sizeof line, f) || sscanf(line, "%d %d %d", &limit, &window, &first_check) != 3)
        die(NULL, path);
    if (limit < 1 || window > MOST_IDS || first_check < 1 || first_check > MOST_IDS) die(NULL, "limits out of range");
    for (int i = 0; i < STATEMENTS; i++) {
        if (!fgets(line, sizeof line, f)) die(NULL, path);
        line[strcspn(line, "\n")] = 0;
        char *mark = strstr(line, "{}");
        if (mark) *mark = 0;
        head[i] = strdup(line);
        tail[i] = strdup(mark ? mark + 2 : "");
    }
    fclose(f);
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: keyword_peer DB QUERIES SLICES WARMUP STATEMENTS\n");
        return 2;
    }
    int slices = atoi(argv[3]), warmup = atoi(argv[4]);
    read_statements(argv[5]);
    /* No allocation statistics: kept, they take one process-wide mutex on every allocation, which the two slices' threads
     * then queue on (Debian's build keeps them; sqlite-jdbc's does not). */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    FILE *f = fopen(argv[2], "r");
    if (!f) die(NULL, argv[2]);
    int cap = 1024, n = 0;
    char **all = malloc(cap * sizeof *all), **any = malloc(cap * sizeof *any), line[4096];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = 0;
        if (n == cap) {
            cap *= 2;
            all = realloc(all, cap * sizeof *all);
            any = realloc(any, cap * sizeof *any);
        }
        all[n] = strdup(line);
        any[n] = strdup(tab + 1);
        n++;
    }
    fclose(f);
    conn c;
    open_conn(&c, argv[1]);
    int64_t half = 0;
    pthread_t t;
    if (slices > 1) {
        sqlite3_stmt *s;
        sqlite3_prepare_v2(c.db, "SELECT coalesce(max(doc), 0) FROM search_documents", -1, &s, NULL);
        sqlite3_step(s);
        half = sqlite3_column_int64(s, 0) / 2;
        sqlite3_finalize(s);
        open_conn(&helper.c, argv[1]);
        pthread_create(&t, NULL, help, NULL);
    }
    for (int i = 0; i < warmup && i < n; i++) one(&c, slices, half, all[i], any[i]);
    int timed = n > warmup ? n - warmup : 0;
    double *lat = malloc((timed + 1) * sizeof *lat), cpu0 = now(CLOCK_PROCESS_CPUTIME_ID);
    for (int i = 0; i < timed; i++) {
        double t0 = now(CLOCK_MONOTONIC);
        one(&c, slices, half, all[warmup + i], any[warmup + i]);
        lat[i] = now(CLOCK_MONOTONIC) - t0;
    }
    double cpu = timed ? (now(CLOCK_PROCESS_CPUTIME_ID) - cpu0) / timed : 0;
    qsort(lat, timed, sizeof *lat, by_value);
    int p99 = (int) (timed * 0.99);
    printf("%.2f %.2f %.2f %s\n", timed ? lat[timed / 2] : 0, timed ? lat[p99 < timed ? p99 : timed - 1] : 0, cpu,
           sqlite3_libversion());
    if (slices > 1) {
        pthread_mutex_lock(&helper.lock);
        helper.stop = 1;
        pthread_cond_signal(&helper.told);
        pthread_mutex_unlock(&helper.lock);
        pthread_join(t, NULL);
    }
    return 0;
}
