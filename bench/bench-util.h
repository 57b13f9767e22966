/* bench-util.h — timing, memory and the shared 100,000-problem database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "qf-core.h"

/* Resident memory of this process, in megabytes (VmRSS, or VmHWM for the peak). */
static inline double
bench_memory_mb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      !(line = strstr (status, field)))
    return -1;
  return g_ascii_strtod (line + strlen (field) + 1, NULL) / 1024.0;
}

static inline double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static inline int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static inline double
bench_median (double *values, guint n)
{
  qsort (values, n, sizeof (double), (int (*) (const void *, const void *)) compare_double);
  return values[n / 2];
}

/* The benchmark database: 100,000 demo problems, made once and kept in the
 * build directory (QINGFENG_BENCH_PROBLEMS sets another size). */
static inline char *
bench_database (void)
{
  const char *size_text = g_getenv ("QINGFENG_BENCH_PROBLEMS");
  guint size = size_text ? (guint) g_ascii_strtoull (size_text, NULL, 10) : 100000;
  g_autofree char *name = g_strdup_printf ("bench-%u.db", size);
  char *path = g_build_filename (g_getenv ("QINGFENG_BENCH_DIR") ? g_getenv ("QINGFENG_BENCH_DIR")
                                                                 : ".", name, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *part = g_strconcat (path, ".part", NULL);
      g_autoptr(QfStore) store = NULL;
      QfDemoOptions options = { .seed = 1, .n_cadres = 400, .n_problems = size,
                                .until = "2026-10-31" };
      double start = bench_now_ms ();

      g_remove (part);
      if (!(store = qf_store_open (part, QF_STORE_OPEN_CREATE, &error)) ||
          !qf_demo_fill (store, &options, NULL, &error))
        g_error ("could not make the benchmark database: %s", error->message);
      g_clear_object (&store);
      g_rename (part, path);
      printf ("made %s with %u problems in %.1f s\n", path, size,
              (bench_now_ms () - start) / 1000.0);
    }
  return path;
}
