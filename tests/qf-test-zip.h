/* qf-test-zip.h — writing zip archives byte by byte, for the readers' tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

typedef struct
{
  GByteArray *data;
  GByteArray *directory;
  guint       n;
} QfTestZip;

static inline void
qf_test_zip_put16 (GByteArray *a, guint v)
{
  guint8 b[2] = { v & 0xff, (v >> 8) & 0xff };
  g_byte_array_append (a, b, 2);
}

static inline void
qf_test_zip_put32 (GByteArray *a, guint32 v)
{
  qf_test_zip_put16 (a, v & 0xffff);
  qf_test_zip_put16 (a, v >> 16);
}

/* A member's local header, its @packed bytes and its directory entry;
 * @method is 0 (stored) or 8 (deflated). */
static inline void
qf_test_zip_add_packed (QfTestZip *zip, const char *name, guint method, guint32 crc,
                        const guint8 *packed, gsize packed_size, gsize size)
{
  GByteArray *d = zip->data, *c = zip->directory;
  guint32 offset = d->len;

  qf_test_zip_put32 (d, 0x04034b50); qf_test_zip_put16 (d, 20); qf_test_zip_put16 (d, 0);
  qf_test_zip_put16 (d, method); qf_test_zip_put32 (d, 0); qf_test_zip_put32 (d, crc);
  qf_test_zip_put32 (d, packed_size); qf_test_zip_put32 (d, size);
  qf_test_zip_put16 (d, strlen (name)); qf_test_zip_put16 (d, 0);
  g_byte_array_append (d, (const guint8 *) name, strlen (name));
  g_byte_array_append (d, packed, packed_size);

  qf_test_zip_put32 (c, 0x02014b50); qf_test_zip_put16 (c, 20); qf_test_zip_put16 (c, 20);
  qf_test_zip_put16 (c, 0); qf_test_zip_put16 (c, method); qf_test_zip_put32 (c, 0);
  qf_test_zip_put32 (c, crc); qf_test_zip_put32 (c, packed_size); qf_test_zip_put32 (c, size);
  qf_test_zip_put16 (c, strlen (name)); qf_test_zip_put16 (c, 0); qf_test_zip_put16 (c, 0);
  qf_test_zip_put16 (c, 0); qf_test_zip_put16 (c, 0); qf_test_zip_put32 (c, 0);
  qf_test_zip_put32 (c, offset);
  g_byte_array_append (c, (const guint8 *) name, strlen (name));
  zip->n++;
}

/* The directory and its end record after the members. */
static inline GBytes *
qf_test_zip_finish (QfTestZip *zip)
{
  guint32 start = zip->data->len;

  g_byte_array_append (zip->data, zip->directory->data, zip->directory->len);
  qf_test_zip_put32 (zip->data, 0x06054b50); qf_test_zip_put16 (zip->data, 0);
  qf_test_zip_put16 (zip->data, 0); qf_test_zip_put16 (zip->data, zip->n);
  qf_test_zip_put16 (zip->data, zip->n); qf_test_zip_put32 (zip->data, zip->directory->len);
  qf_test_zip_put32 (zip->data, start); qf_test_zip_put16 (zip->data, 0);
  g_byte_array_unref (zip->directory);
  return g_byte_array_free_to_bytes (zip->data);
}

G_END_DECLS
