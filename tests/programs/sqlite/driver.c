/* SQLite driver: an in-memory database, a schema, rows inserted through prepared statements
   inside a transaction, and queries with aggregates, GROUP BY/HAVING, joins, a recursive CTE,
   window functions, JSON, FTS5 and math functions. sqlite3.c itself is fetched at test time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sqlite3.h"

static sqlite3 *db;

static void fail(const char *what) {
    printf("error in %s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
}

static void exec(const char *sql) {
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        printf("exec failed: %s\n  sql: %s\n", err, sql);
        sqlite3_free(err);
        exit(1);
    }
}

static void query(const char *title, const char *sql) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail(title);
    printf("-- %s\n", title);
    int cols = sqlite3_column_count(st);
    for (int i = 0; i < cols; i++)
        printf("%s%s", i ? " | " : "", sqlite3_column_name(st, i));
    printf("\n");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < cols; i++) {
            const unsigned char *t = sqlite3_column_text(st, i);
            printf("%s%s", i ? " | " : "", t ? (const char *)t : "NULL");
        }
        printf("\n");
    }
    if (rc != SQLITE_DONE)
        fail(title);
    sqlite3_finalize(st);
}

int main(void) {
    printf("sqlite %s\n", sqlite3_libversion());
    if (sqlite3_open(":memory:", &db) != SQLITE_OK)
        fail("open");

    exec("CREATE TABLE dept(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
         "CREATE TABLE emp(id INTEGER PRIMARY KEY, name TEXT, dept INTEGER REFERENCES dept(id),"
         "                 salary REAL, hired INTEGER, tags TEXT);"
         "CREATE INDEX emp_dept ON emp(dept);");
    exec("INSERT INTO dept(name) VALUES ('engineering'), ('sales'), ('support'), ('research');");

    static const char *first[] = {"ada", "bob", "cy", "dee", "eve", "fay", "gus", "hal", "ivy", "jon"};
    sqlite3_stmt *ins;
    if (sqlite3_prepare_v2(db, "INSERT INTO emp(name, dept, salary, hired, tags) VALUES (?, ?, ?, ?, ?)",
                           -1, &ins, NULL) != SQLITE_OK)
        fail("prepare insert");
    exec("BEGIN");
    unsigned seed = 7;
    for (int i = 0; i < 2000; i++) {
        seed = seed * 1103515245u + 12345u;
        char name[32], tags[64];
        snprintf(name, sizeof name, "%s%d", first[i % 10], i);
        snprintf(tags, sizeof tags, "[\"t%u\", %d]", (seed >> 8) % 5, i % 3);
        sqlite3_bind_text(ins, 1, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(ins, 2, 1 + (int)((seed >> 16) % 4));
        sqlite3_bind_double(ins, 3, 30000 + (double)((seed >> 4) % 90000) + 0.25 * (i % 4));
        sqlite3_bind_int64(ins, 4, 1990 + (seed >> 20) % 35);
        sqlite3_bind_text(ins, 5, tags, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(ins) != SQLITE_DONE)
            fail("insert");
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    exec("COMMIT");

    query("totals", "SELECT count(*), sum(salary), round(avg(salary), 2), min(salary), max(salary) FROM emp");
    query("per department",
          "SELECT d.name, count(*) AS n, round(avg(e.salary), 2) AS avg_salary, max(e.hired) AS last_hire "
          "FROM emp e JOIN dept d ON d.id = e.dept GROUP BY d.name HAVING n > 100 ORDER BY d.name");
    query("top earners",
          "SELECT name, salary, rank() OVER (ORDER BY salary DESC) AS r FROM emp ORDER BY salary DESC, name LIMIT 5");
    query("hires per decade",
          "SELECT (hired / 10) * 10 AS decade, count(*), group_concat(DISTINCT dept) FROM emp GROUP BY decade ORDER BY decade");
    query("recursive cte",
          "WITH RECURSIVE fib(n, a, b) AS (SELECT 1, 0, 1 UNION ALL SELECT n + 1, b, a + b FROM fib WHERE n < 30) "
          "SELECT max(n), max(b), sum(a) FROM fib");
    query("json", "SELECT json_extract(tags, '$[0]') AS tag, count(*) FROM emp GROUP BY tag ORDER BY tag");
    query("strings", "SELECT upper('mixed Case'), length('héllo'), substr('abcdef', 2, 3), printf('%08.3f|%-5s|%x', 3.14159, 'ab', 255), "
                     "replace('a-b-c', '-', '+'), hex('AB')");
    query("math", "SELECT round(sqrt(2), 6), round(pi(), 5), power(2, 10), 7 % 3, 7 / 2, 7.0 / 2, abs(-5)");

    exec("CREATE VIRTUAL TABLE docs USING fts5(body);"
         "INSERT INTO docs VALUES ('the linker resolves symbols'), ('sqlite is a small database'),"
         "('the wasm linker writes a module'), ('symbols and relocations');");
    query("fts5", "SELECT rowid, body FROM docs WHERE docs MATCH 'linker OR symbols' ORDER BY rowid");

    exec("UPDATE emp SET salary = salary * 1.1 WHERE dept = 2; DELETE FROM emp WHERE hired < 1992;");
    printf("changes after delete: %d, total changes: %d\n", sqlite3_changes(db), sqlite3_total_changes(db));
    query("after update", "SELECT dept, count(*), round(sum(salary), 2) FROM emp GROUP BY dept ORDER BY dept");
    query("integrity", "PRAGMA integrity_check");

    sqlite3_close(db);
    printf("done\n");
    return 0;
}
