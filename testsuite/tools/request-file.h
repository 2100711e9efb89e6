/* request-file.h: the request files of the test tools.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   One format for every tool that sends requests to a server (xdp-diff,
   udp-client), so that a test's NAME.req serves them all: one request
   payload per line, after an expectation and one space ('k ' the kernel
   must answer it, 'u ' it must go up to userspace, '* ' either), with C
   escapes (\n \r \t \\ \xNN \0 \NNN and the rest of C's), so that binary
   payloads and trailing newlines can be written.  Empty lines and lines
   starting with '#' are ignored.  */

#ifndef OFFLOAD_REQUEST_FILE_H
#define OFFLOAD_REQUEST_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct request
{
  unsigned int line;		/* in the request file, for messages */
  char expect;			/* 'k', 'u' or '*' */
  uint8_t *data;
  size_t len;
};

/* Decode the C escapes of S into OUT (room for strlen (S) bytes, which
   is enough: escapes only shrink).  Return the length, or -1 with a
   message in *ERR.  */
long request_unescape (const char *s, uint8_t *out, const char **err);

/* Write the LEN bytes at DATA to OUT so that request_unescape gives them
   back, on one line: printable ASCII as is, everything else escaped.  */
void request_escape (FILE *out, const uint8_t *data, size_t len);

/* Read the requests of FILE, each at most MAX_LEN bytes, into a new
   array *REQUESTS.  Return their number, or 0 with a message (naming the
   file and line) in ERR, ERR_SIZE bytes, when FILE cannot be read, holds
   a bad line or no request at all.  */
size_t request_file_read (const char *file, size_t max_len,
			  struct request **requests, char *err,
			  size_t err_size);

#endif /* OFFLOAD_REQUEST_FILE_H */
