/* A TCP greeting server around select: socket, bind, listen, accept.
   The service is the listening socket; requests arrive on accepted
   sockets and belong to it.  */
/* { dg-do link } */
/* { dg-options "-fplugin-arg-offload-verbose" } */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

static const char greeting[] = "hello\n";

int
main (void)
{
  int lfd = socket (AF_INET, SOCK_STREAM, 0);
  if (lfd < 0)
    {
      perror ("socket");
      return 1;
    }
  struct sockaddr_in addr;
  memset (&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_ANY);
  addr.sin_port = htons (9005);
  if (bind (lfd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      perror ("bind");
      return 1;
    }
  if (listen (lfd, 8) < 0)
    {
      perror ("listen");
      return 1;
    }

  int client = -1;
  for (;;)
    {
      fd_set rd;
      FD_ZERO (&rd);
      FD_SET (lfd, &rd);
      if (client >= 0)
	FD_SET (client, &rd);
      int maxfd = client > lfd ? client : lfd;
      if (select (maxfd + 1, &rd, NULL, NULL, NULL) < 0) /* { dg-message "event loop waits here \\('select'\\)" } */
	{
	  perror ("select");
	  return 1;
	}
      if (client < 0 && FD_ISSET (lfd, &rd))
	{
	  client = accept (lfd, NULL, NULL);
	  continue;
	}
      if (client >= 0 && FD_ISSET (client, &rd))
	{
	  char name[64];
	  ssize_t n = recv (client, name, sizeof name, 0); /* { dg-message "request path \[0-9\]+ begins here \\('recv'\\)" } */
	  /* { dg-message "request path \[0-9\]+ offloaded to SK_SKB" "" { target *-*-* } 64 } */
	  if (n <= 0)
	    {
	      close (client);
	      client = -1;
	      continue;
	    }
	  if (send (client, greeting, sizeof greeting - 1, MSG_NOSIGNAL) < 0) /* { dg-message "reply of request path \[0-9\]+ \\('send'\\)" } */
	    perror ("send");
	}
    }
}

/* { dg-final { offload-report-count services 1 } } */
/* { dg-final { scan-offload-report-value services.0.protocol tcp } } */
/* { dg-final { scan-offload-report-value services.0.family ipv4 } } */
/* { dg-final { scan-offload-report-value services.0.address 0\\.0\\.0\\.0 } } */
/* { dg-final { scan-offload-report-value services.0.port 9005 } } */
/* { dg-final { scan-offload-report-value services.0.socket {.*tcp-accept\.c:20} } } */
/* { dg-final { scan-offload-report-value services.0.bind {.*tcp-accept\.c:31} } } */
/* { dg-final { scan-offload-report-value paths.*.service 1 } } */
/* { dg-final { scan-offload-report-value paths.*.end reply } } */
/* { dg-final { scan-offload-report-value paths.*.end drop } } */
/* The greeting is served at SK_SKB: TCP replies cannot leave from XDP.  */
/* { dg-final { offload-report-count programs 1 } } */
/* { dg-final { scan-offload-report-value programs.0.hook sk_skb } } */
/* { dg-final { scan-offload-report-value paths.1.hook sk_skb } } */
/* { dg-final { scan-offload-report-value paths.1.hook_reason {TCP: a reply from XDP or TC would break.*} } } */
