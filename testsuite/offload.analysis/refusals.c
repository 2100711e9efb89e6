/* A UDP server whose commands each do one thing a BPF program cannot:
   every path is judged on its own, and each gets the reason for its
   construct, with the construct's location.  "P" is the one command
   that can run in the kernel.  */
/* { dg-do link } */
/* { dg-final { scan-offload-report-value paths.*.verdict offloaded } } */
/* { dg-final { scan-offload-report-value paths.*.reasons.* {calls 'malloc' \(refusals\.c:[0-9]+\): dynamic memory cannot be allocated in BPF} } } */
/* { dg-final { scan-offload-report-value paths.*.reasons.* {makes a recursive call \(refusals\.c:[0-9]+\): BPF has no recursion} } } */
/* { dg-final { scan-offload-report-value paths.*.reasons.* {calls through a pointer \(refusals\.c:[0-9]+\): the target is not known at link time} } } */
/* { dg-final { scan-offload-report-value paths.*.reasons.* {calls '_setjmp' \(refusals\.c:[0-9]+\): setjmp and longjmp cannot run in BPF} } } */
/* { dg-final { scan-offload-report-value paths.*.reasons.* {uses inline assembly \(refusals\.c:[0-9]+\): it cannot run in BPF} } } */
/* { dg-final { scan-offload-report-value paths.*.reasons.* {calls '__builtin_alloca_with_align' \(refusals\.c:[0-9]+\): variable-length stack objects cannot live in BPF} } } */
/* { dg-final { scan-offload-report-value paths.*.reasons.* {uses the pointer in 'last_seen' \(refusals\.c:[0-9]+\): host pointers cannot live in a BPF map} } } */
/* { dg-final { scan-offload-report-value paths.*.reasons.* {calls 'time' \(refusals\.c:[0-9]+\): it has no body in the program and no BPF equivalent} } } */
/* { dg-final { scan-offload-report-value paths.*.reasons.* {calls 'big_frame' \(refusals\.c:[0-9]+\): its locals take [0-9]+ bytes, more than the 4096 a function may keep in the kernel} } } */
/* { dg-final { scan-offload-report-value paths.*.reasons.* {uses 'served', computed before the request arrived \(refusals\.c:[0-9]+\)} } } */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

static char *last_seen;
static jmp_buf on_error;
int (*volatile hook) (int);
static int pings;

/* Recursion (not a tail call GCC could turn into a loop): the kernel
   has none.  */
static int __attribute__ ((noinline))
depth (int n)
{
  return n <= 1 ? n : depth (n - 1) * 3 + depth (n - 2);
}

/* More than the kernel-side frame of one function.  */
static int __attribute__ ((noinline))
big_frame (const unsigned char *req, size_t len)
{
  unsigned char copy[5000];
  memcpy (copy, req, len < sizeof copy ? len : sizeof copy);
  return copy[len % sizeof copy];
}

static size_t
handle (unsigned char *req, size_t len, char *out)
{
  switch (req[0])
    {
    case 'P':
      pings++;
      memcpy (out, "PONG", 4);
      return 4;
    case 'M':
      {
	char *p = malloc (len);
	out[0] = p != NULL;
	free (p);
	return 1;
      }
    case 'R':
      out[0] = (char) depth (req[1]);
      return 1;
    case 'I':
      out[0] = (char) hook (req[1]);
      return 1;
    case 'J':
      out[0] = (char) setjmp (on_error);
      return 1;
    case 'A':
      __asm__ volatile ("" ::: "memory");
      out[0] = 'A';
      return 1;
    case 'V':
      {
	char vla[req[1] + 1];
	memset (vla, 'v', sizeof vla);
	out[0] = vla[req[1]];
	return 1;
      }
    case 'L':
      last_seen = (char *) req;
      out[0] = 'L';
      return 1;
    case 'T':
      out[0] = (char) time (NULL);
      return 1;
    case 'B':
      out[0] = (char) big_frame (req, len);
      return 1;
    default:
      return 0;
    }
}

int
main (void)
{
  int fd = socket (AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in addr;
  memset (&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_port = htons (9031);
  if (fd < 0 || bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    return 1;
  struct pollfd pfd = { .fd = fd, .events = POLLIN };
  unsigned served = 0;
  for (;;)
    {
      if (poll (&pfd, 1, -1) < 0)
	break;
      unsigned char req[64];
      char out[8];
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, req, sizeof req, 0,
			    (struct sockaddr *) &peer, &peer_len);
      if (n < 2)
	continue;
      size_t len = handle (req, (size_t) n, out);
      if (req[0] == 'S')
	served++;
      if (len)
	sendto (fd, out, len, 0, (struct sockaddr *) &peer, peer_len);
    }
  return (int) served;
}
