/* request-file.c: the request files of the test tools (request-file.h).

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.  */

#define _GNU_SOURCE 1

#include "request-file.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static int
hex_digit (int c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

long
request_unescape (const char *s, uint8_t *out, const char **err)
{
  size_t n = 0;

  while (*s)
    {
      int c = (unsigned char) *s++;

      if (c != '\\')
	{
	  out[n++] = (uint8_t) c;
	  continue;
	}
      c = (unsigned char) *s++;
      switch (c)
	{
	case 'n': out[n++] = '\n'; break;
	case 'r': out[n++] = '\r'; break;
	case 't': out[n++] = '\t'; break;
	case 'a': out[n++] = '\a'; break;
	case 'b': out[n++] = '\b'; break;
	case 'f': out[n++] = '\f'; break;
	case 'v': out[n++] = '\v'; break;
	case 'e': out[n++] = 0x1b; break;
	case '\\': case '\'': case '"': case '?': out[n++] = (uint8_t) c; break;
	case 'x':
	  {
	    int h1 = hex_digit ((unsigned char) s[0]), h2;

	    if (h1 < 0)
	      {
		*err = "\\x without hex digits";
		return -1;
	      }
	    s++;
	    /* At most two digits: the spec's \xNN, and unlike C a
	       following hex letter stays a literal letter.  */
	    h2 = hex_digit ((unsigned char) s[0]);
	    if (h2 >= 0)
	      {
		h1 = h1 * 16 + h2;
		s++;
	      }
	    out[n++] = (uint8_t) h1;
	    break;
	  }
	case '0': case '1': case '2': case '3':
	case '4': case '5': case '6': case '7':
	  {
	    int v = c - '0', i;

	    for (i = 0; i < 2 && *s >= '0' && *s <= '7'; i++)
	      v = v * 8 + (*s++ - '0');
	    if (v > 255)
	      {
		*err = "octal escape above \\377";
		return -1;
	      }
	    out[n++] = (uint8_t) v;
	    break;
	  }
	case '\0':
	  *err = "backslash at the end of the line";
	  return -1;
	default:
	  *err = "unknown escape";
	  return -1;
	}
    }
  return n;
}

void
request_escape (FILE *out, const uint8_t *data, size_t len)
{
  for (size_t i = 0; i < len; i++)
    {
      uint8_t c = data[i];

      if (c == '\\')
	fputs ("\\\\", out);
      else if (c == '\n')
	fputs ("\\n", out);
      else if (c == '\r')
	fputs ("\\r", out);
      else if (c == '\t')
	fputs ("\\t", out);
      /* A space at the end would be lost to editors and to "diff -b";
	 spell it out there.  */
      else if (c >= 0x20 && c < 0x7f && !(c == ' ' && i + 1 == len))
	fputc (c, out);
      else
	fprintf (out, "\\x%02x", c);
    }
}

static void __attribute__ ((format (printf, 3, 4)))
set_error (char *err, size_t err_size, const char *fmt, ...)
{
  va_list ap;

  va_start (ap, fmt);
  vsnprintf (err, err_size, fmt, ap);
  va_end (ap);
}

size_t
request_file_read (const char *file, size_t max_len,
		   struct request **requests, char *err, size_t err_size)
{
  FILE *f = fopen (file, "r");
  struct request *rqs = NULL;
  char *line = NULL;
  size_t size = 0, alloc = 0, n_rqs = 0;
  ssize_t len;
  unsigned int lineno = 0;
  bool ok = false;

  if (!f)
    {
      set_error (err, err_size, "%s: %s", file, strerror (errno));
      return 0;
    }
  while ((len = getline (&line, &size, f)) >= 0)
    {
      struct request *rq;
      const char *why = NULL;
      const char *text;
      long n;

      lineno++;
      if (len && line[len - 1] == '\n')
	line[--len] = '\0';
      /* A raw CR at the end is a CRLF file, not payload: payload CRs are
	 written \r.  */
      if (len && line[len - 1] == '\r')
	line[--len] = '\0';
      if (len == 0 || line[0] == '#')
	continue;
      if (!strchr ("ku*", line[0]) || (line[1] != ' ' && line[1] != '\0'))
	{
	  set_error (err, err_size,
		     "%s:%u: a request starts with 'k ', 'u ' or '* '",
		     file, lineno);
	  goto out;
	}
      if (n_rqs == alloc)
	{
	  struct request *p;

	  alloc = alloc ? alloc * 2 : 32;
	  p = realloc (rqs, alloc * sizeof *rqs);
	  if (!p)
	    {
	      set_error (err, err_size, "out of memory");
	      goto out;
	    }
	  rqs = p;
	}
      rq = &rqs[n_rqs];
      rq->line = lineno;
      rq->expect = line[0];
      /* "k" alone, trailing space eaten by an editor: an empty
	 datagram.  */
      text = line[1] ? line + 2 : line + 1;
      rq->data = malloc (strlen (text) + 1);
      if (!rq->data)
	{
	  set_error (err, err_size, "out of memory");
	  goto out;
	}
      n_rqs++;
      n = request_unescape (text, rq->data, &why);
      if (n < 0)
	{
	  set_error (err, err_size, "%s:%u: %s", file, lineno, why);
	  goto out;
	}
      if ((size_t) n > max_len)
	{
	  set_error (err, err_size, "%s:%u: request of %ld bytes; at most %zu",
		     file, lineno, n, max_len);
	  goto out;
	}
      rq->len = n;
    }
  if (ferror (f))
    set_error (err, err_size, "%s: %s", file, strerror (errno));
  else if (n_rqs == 0)
    set_error (err, err_size, "%s: no requests", file);
  else
    ok = true;

 out:
  fclose (f);
  free (line);
  if (!ok)
    {
      for (size_t i = 0; i < n_rqs; i++)
	free (rqs[i].data);
      free (rqs);
      return 0;
    }
  *requests = rqs;
  return n_rqs;
}
