/* qf-zip.c — reading the members of a zip archive held in memory
 *
 * An .xlsx workbook is a zip of XML files. This reads the central
 * directory and inflates one member at a time in pieces, so that a member
 * is never held whole: a damaged or hostile archive (truncated, a member
 * claiming to be larger or smaller than it is, a bad checksum, gigabytes of
 * one repeated byte) stops with a message instead of filling the memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <zlib.h>

#include "qf-sheet-reader.h"
#include "qf-zip.h"

#define EOCD_SIGNATURE          0x06054b50u
#define CENTRAL_SIGNATURE       0x02014b50u
#define LOCAL_SIGNATURE         0x04034b50u
#define EOCD_SIZE               22
#define MAX_COMMENT             0xffff
#define CHUNK                   (64 * 1024)

typedef struct
{
  char    *name;
  guint16  method;
  guint32  crc;
  guint32  compressed_size;
  guint32  size;
  guint32  local_offset;
} Member;

struct _QfZip
{
  GBytes     *bytes;
  const guint8 *data;
  gsize       length;
  GHashTable *members;   /* lower-case name → Member */
};

static guint16
get16 (const guint8 *p)
{
  return (guint16) (p[0] | p[1] << 8);
}

static guint32
get32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static gboolean
set_damaged (GError **error)
{
  g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_DAMAGED,
               _("The workbook is damaged: its zip structure is incomplete or inconsistent"));
  return FALSE;
}

static void
member_free (gpointer data)
{
  Member *member = data;

  g_free (member->name);
  g_free (member);
}

void
qf_zip_free (QfZip *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->members, g_hash_table_unref);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self);
}

/**
 * qf_zip_new:
 *
 * Reads the directory of the archive in @bytes.
 *
 * Returns: (transfer full): the archive, or %NULL when @bytes is not a zip
 */
QfZip *
qf_zip_new (GBytes *bytes, GError **error)
{
  g_autoptr(QfZip) self = g_new0 (QfZip, 1);
  const guint8 *eocd = NULL, *p, *end;
  guint n_entries;
  guint32 cd_size, cd_offset;

  g_return_val_if_fail (bytes != NULL, NULL);

  self->bytes = g_bytes_ref (bytes);
  self->data = g_bytes_get_data (bytes, &self->length);
  self->members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, member_free);

  if (self->length < EOCD_SIZE || get32 (self->data) != LOCAL_SIGNATURE)
    {
      g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_NOT_WORKBOOK,
                   _("The file is not an .xlsx workbook (it is not a zip archive)"));
      return NULL;
    }
  /* The end record is last, after a comment of at most 64 KiB. */
  for (gsize back = EOCD_SIZE; back <= MIN (self->length, EOCD_SIZE + MAX_COMMENT); back++)
    {
      p = self->data + self->length - back;
      if (get32 (p) == EOCD_SIGNATURE)
        {
          eocd = p;
          break;
        }
    }
  if (eocd == NULL)
    return set_damaged (error), NULL;

  n_entries = get16 (eocd + 10);
  cd_size = get32 (eocd + 12);
  cd_offset = get32 (eocd + 16);
  if (n_entries == 0xffff || cd_offset == 0xffffffffu)
    {
      g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_DAMAGED,
                   _("The workbook is larger than 4 GB (ZIP64), which is not supported"));
      return NULL;
    }
  if ((guint64) cd_offset + cd_size > (gsize) (eocd - self->data))
    return set_damaged (error), NULL;

  p = self->data + cd_offset;
  end = p + cd_size;
  for (guint i = 0; i < n_entries; i++)
    {
      Member *member;
      guint name_length, extra_length, comment_length;

      if (end - p < 46 || get32 (p) != CENTRAL_SIGNATURE)
        return set_damaged (error), NULL;
      name_length = get16 (p + 28);
      extra_length = get16 (p + 30);
      comment_length = get16 (p + 32);
      if ((gsize) (end - p) < 46u + name_length + extra_length + comment_length)
        return set_damaged (error), NULL;

      member = g_new0 (Member, 1);
      member->method = get16 (p + 10);
      member->crc = get32 (p + 16);
      member->compressed_size = get32 (p + 20);
      member->size = get32 (p + 24);
      member->local_offset = get32 (p + 42);
      member->name = g_strndup ((const char *) p + 46, name_length);
      g_hash_table_replace (self->members, g_ascii_strdown (member->name, -1), member);
      p += 46 + name_length + extra_length + comment_length;
    }
  return g_steal_pointer (&self);
}

/**
 * qf_zip_has:
 * @name: a member's path, compared without regard to ASCII case
 */
gboolean
qf_zip_has (QfZip *self, const char *name)
{
  g_autofree char *key = g_ascii_strdown (name, -1);

  return g_hash_table_contains (self->members, key);
}

/**
 * qf_zip_read:
 * @max_size: refuse a member that inflates to more than this
 *
 * Passes the content of @name to @func a piece at a time, and checks its
 * length and checksum at the end.
 */
gboolean
qf_zip_read (QfZip          *self,
             const char     *name,
             guint64         max_size,
             QfZipChunkFunc  func,
             gpointer        user_data,
             GError        **error)
{
  g_autofree char *key = g_ascii_strdown (name, -1);
  g_autofree char *out = NULL;
  Member *member = g_hash_table_lookup (self->members, key);
  const guint8 *local, *data;
  guint64 total = 0;
  guint32 crc = crc32 (0, NULL, 0);
  z_stream stream = { 0 };
  gboolean ok = FALSE;
  int rc;

  if (member == NULL)
    {
      g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_DAMAGED,
                   _("The workbook is damaged: it has no part %s"), name);
      return FALSE;
    }
  if ((guint64) member->local_offset + 30 > self->length)
    return set_damaged (error);
  local = self->data + member->local_offset;
  if (get32 (local) != LOCAL_SIGNATURE)
    return set_damaged (error);
  data = local + 30 + get16 (local + 26) + get16 (local + 28);
  if (data < local || (guint64) (data - self->data) + member->compressed_size > self->length)
    return set_damaged (error);
  if (member->size > max_size)
    {
      g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_TOO_LARGE,
                   _("The workbook part %s is too large to read (%u MB)"),
                   member->name, (guint) (member->size / (1024 * 1024)));
      return FALSE;
    }

  if (member->method == 0)
    {
      if (member->compressed_size != member->size)
        return set_damaged (error);
      if (!func ((const char *) data, member->size, user_data, error))
        return FALSE;
      if (crc32 (crc, data, member->size) != member->crc)
        return set_damaged (error);
      return TRUE;
    }
  if (member->method != 8)
    {
      g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_DAMAGED,
                   _("The workbook uses a kind of compression that is not supported"));
      return FALSE;
    }

  if (inflateInit2 (&stream, -MAX_WBITS) != Z_OK)
    return set_damaged (error);
  out = g_malloc (CHUNK);
  stream.next_in = (Bytef *) data;
  stream.avail_in = member->compressed_size;
  do
    {
      gsize produced;

      stream.next_out = (Bytef *) out;
      stream.avail_out = CHUNK;
      rc = inflate (&stream, Z_NO_FLUSH);
      if (rc != Z_OK && rc != Z_STREAM_END)
        {
          set_damaged (error);
          goto out;
        }
      produced = CHUNK - stream.avail_out;
      total += produced;
      /* Never more than the directory said, whatever the stream holds. */
      if (total > member->size)
        {
          set_damaged (error);
          goto out;
        }
      crc = crc32 (crc, (const Bytef *) out, (uInt) produced);
      if (produced > 0 && !func (out, produced, user_data, error))
        goto out;
      if (rc == Z_OK && produced == 0 && stream.avail_in == 0)
        {
          set_damaged (error);   /* the data ends before the stream does */
          goto out;
        }
    }
  while (rc != Z_STREAM_END);

  if (total != member->size || crc != member->crc)
    set_damaged (error);
  else
    ok = TRUE;
out:
  inflateEnd (&stream);
  return ok;
}
