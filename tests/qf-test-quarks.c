/* qf-test-quarks.c — GLib's quark table under LeakSanitizer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE 1

#include <link.h>
#include <string.h>

#include "qf-test-quarks.h"

#if defined(__SANITIZE_ADDRESS__)
# define QF_TEST_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define QF_TEST_ASAN 1
# endif
#endif

#ifdef QF_TEST_ASAN
void   __lsan_ignore_object             (const void          *p);
int    __sanitizer_get_ownership        (const volatile void *p);
size_t __sanitizer_get_allocated_size   (const volatile void *p);

/* The first block of GLib's quark table: found through GLib's own static
 * pointer to it, in its writable data. */
static int
qf_test_find_quark_block (struct dl_phdr_info *info, size_t size, void *data)
{
  const char *first = g_quark_to_string (1);

  if (info->dlpi_name == NULL || strstr (info->dlpi_name, "libglib-2.0.so") == NULL)
    return 0;
  for (int i = 0; i < info->dlpi_phnum; i++)
    {
      const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
      const gpointer *word = (const gpointer *) (info->dlpi_addr + ph->p_vaddr);

      if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_W))
        continue;
      for (size_t n = ph->p_memsz / sizeof (gpointer); n > 0; n--, word++)
        {
          char **block = *word;

          if (block != NULL && __sanitizer_get_ownership (block) &&
              __sanitizer_get_allocated_size (block) == 2048 * sizeof (char *) &&
              block[1] == first)
            {
              *(char ***) data = block;
              return 1;
            }
        }
    }
  return 0;
}
#endif

/**
 * qf_test_keep_quark_block:
 *
 * GLib drops the first block of its quark table, unfreed, when a process
 * makes its 2,048th quark (gquark.c: lookups stay lock-free); a test of the
 * whole window does. Under LeakSanitizer that block is marked as kept on
 * purpose, so that the leak check reports our leaks only. Call it first.
 */
void
qf_test_keep_quark_block (void)
{
#ifdef QF_TEST_ASAN
  char **block = NULL;

  dl_iterate_phdr (qf_test_find_quark_block, &block);
  if (block != NULL)
    __lsan_ignore_object (block);
#endif
}
