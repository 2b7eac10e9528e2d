/* area: hostnames — the host's name, domain and id from the policy's [host] table (root may change
 * name and domain for this process); gethostbyname/getaddrinfo and their reverse lookups, which
 * know only this host's name, "localhost" and numeric addresses; service and protocol lookups from
 * small built-in tables; inet_addr/inet_ntoa, which wasi-libc hides; and honest failures for the
 * socket calls WASI preview 1 lacks. Nothing here ever reaches a network. */
#include "shim.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

/* Weak: a base that defines it beside its own resolver (preview 2's netdb.o) keeps its definition, which ours
 * then sets. */
__attribute__((__weak__)) int h_errno;

#define WS_HOST_NAME_MAX                                                       \
  64 /* Linux's HOST_NAME_MAX, and the limit of setdomainname */

static char ws_hostname[WS_HOST_NAME_MAX + 1];
static char ws_domainname[WS_HOST_NAME_MAX + 1];
static int ws_hostname_set, ws_domainname_set;

static const char *ws_current_hostname(void) {
  return ws_hostname_set ? ws_hostname : WS_ENV_STRING(gethostname);
}

static const char *ws_current_domainname(void) {
  return ws_domainname_set ? ws_domainname : WS_ENV_STRING(getdomainname);
}

/* Copies s into name; `too_long` is the errno when it does not fit with its terminator. */
static int ws_copy_name(const char *s, char *name, size_t len, int too_long) {
  size_t n = strlen(s);
  if (!name || n >= len) {
    errno = too_long;
    return -1;
  }
  memcpy(name, s, n + 1);
  return 0;
}

static int ws_set_name(const char *name, size_t len, char *dest, int *set) {
  if (ws_ids()->euid != 0) {
    return ws_fail(EPERM);
  }
  if (len > WS_HOST_NAME_MAX || (!name && len > 0)) {
    return ws_fail(EINVAL);
  }
  if (len)
    memcpy(dest, name, len);
  dest[len] = 0;
  *set = 1;
  return 0;
}

/* ---------------------------------------------------------------- names and id */

int WS_SYM(gethostname)(char *name, size_t len) {
  WS_PROLOGUE(gethostname);
  return ws_copy_name(ws_current_hostname(), name, len, ENAMETOOLONG);
}

int WS_SYM(sethostname)(const char *name, size_t len) {
  WS_PROLOGUE(sethostname);
  return ws_set_name(name, len, ws_hostname, &ws_hostname_set);
}

int WS_SYM(getdomainname)(char *name, size_t len) {
  WS_PROLOGUE(getdomainname);
  return ws_copy_name(ws_current_domainname(), name, len, EINVAL);
}

int WS_SYM(setdomainname)(const char *name, size_t len) {
  WS_PROLOGUE(setdomainname);
  return ws_set_name(name, len, ws_domainname, &ws_domainname_set);
}

long WS_SYM(gethostid)(void) {
  WS_PROLOGUE(gethostid);
  return (long)WS_ENV_NUMBER(gethostid);
}

/* ---------------------------------------------------------------- hosts */

static struct in_addr ws_host_addr;
static char *ws_host_addrs[2];
static char ws_host_name[256];
static char *ws_host_aliases[2];
static struct hostent ws_host;

/* Fills the one static hostent with name, an optional alias and one IPv4 address. */
static struct hostent *ws_hostent(const char *name, const char *alias,
                                  struct in_addr addr) {
  snprintf(ws_host_name, sizeof ws_host_name, "%s", name);
  ws_host_aliases[0] = (char *)alias;
  ws_host_aliases[1] = 0;
  ws_host_addr = addr;
  ws_host_addrs[0] = (char *)&ws_host_addr;
  ws_host_addrs[1] = 0;
  ws_host.h_name = ws_host_name;
  ws_host.h_aliases = ws_host_aliases;
  ws_host.h_addrtype = AF_INET;
  ws_host.h_length = sizeof ws_host_addr;
  ws_host.h_addr_list = ws_host_addrs;
  return &ws_host;
}

/* Equal host names, ignoring case and one trailing dot on `name`. */
static int ws_same_host(const char *name, const char *host) {
  size_t n = strlen(name), h = strlen(host);
  if (n > 0 && name[n - 1] == '.')
    n--;
  return n == h && h > 0 && strncasecmp(name, host, n) == 0;
}

struct hostent *WS_SYM(gethostbyname)(const char *name) {
  WS_PROLOGUE(gethostbyname);
  struct in_addr addr;
  if (name && inet_aton(name, &addr))
    return ws_hostent(name, 0, addr);
  addr.s_addr = htonl(INADDR_LOOPBACK);
  if (name && ws_same_host(name, ws_current_hostname()))
    return ws_hostent(
        ws_current_hostname(),
        strcmp(ws_current_hostname(), "localhost") ? "localhost" : 0, addr);
  if (name && ws_same_host(name, "localhost"))
    return ws_hostent("localhost", 0, addr);
  h_errno = HOST_NOT_FOUND;
  return 0;
}

struct hostent *WS_SYM(gethostbyaddr)(const void *addr, socklen_t len,
                                      int type) {
  WS_PROLOGUE(gethostbyaddr);
  if (addr && type == AF_INET && len == sizeof(struct in_addr)) {
    struct in_addr a;
    memcpy(&a, addr, sizeof a);
    if ((ntohl(a.s_addr) >> 24) == 127) {
      const char *host = ws_current_hostname();
      return ws_hostent(host, strcmp(host, "localhost") ? "localhost" : 0, a);
    }
  }
  h_errno = HOST_NOT_FOUND;
  return 0;
}

/* ---------------------------------------------------------------- services */

struct ws_service {
  const char *name, *alias;
  int port;
  const char *proto;
};

/* Debian's /etc/services names and aliases for the best-known IANA assignments. */
static const struct ws_service ws_services[] = {
    {"ftp", 0, 21, "tcp"},      {"ssh", 0, 22, "tcp"},
    {"telnet", 0, 23, "tcp"},   {"smtp", "mail", 25, "tcp"},
    {"domain", 0, 53, "tcp"},   {"domain", 0, 53, "udp"},
    {"http", "www", 80, "tcp"}, {"pop3", "pop-3", 110, "tcp"},
    {"ntp", 0, 123, "udp"},     {"imap2", "imap", 143, "tcp"},
    {"https", 0, 443, "tcp"},   {"submission", 0, 587, "tcp"},
    {"imaps", 0, 993, "tcp"},   {"pop3s", 0, 995, "tcp"},
};
#define WS_SERVICE_COUNT ((int)(sizeof ws_services / sizeof ws_services[0]))

static struct servent ws_serv;
static char *ws_serv_aliases[2];
static int ws_serv_next;

static struct servent *ws_servent(const struct ws_service *s) {
  ws_serv.s_name = (char *)s->name;
  ws_serv_aliases[0] = (char *)s->alias;
  ws_serv_aliases[1] = 0;
  ws_serv.s_aliases = ws_serv_aliases;
  ws_serv.s_port = htons((uint16_t)s->port);
  ws_serv.s_proto = (char *)s->proto;
  return &ws_serv;
}

/* The table entry for a name (or alias) or a port in network byte order; proto NULL matches either. */
static const struct ws_service *ws_find_service(const char *name,
                                                const char *proto) {
  for (int i = 0; name && i < WS_SERVICE_COUNT; i++) {
    const struct ws_service *s = &ws_services[i];
    if ((strcmp(s->name, name) == 0 ||
         (s->alias && strcmp(s->alias, name) == 0)) &&
        (!proto || strcmp(proto, s->proto) == 0))
      return s;
  }
  return 0;
}

static const struct ws_service *ws_find_port(int port, const char *proto) {
  for (int i = 0; i < WS_SERVICE_COUNT; i++) {
    const struct ws_service *s = &ws_services[i];
    if (htons((uint16_t)s->port) == (uint16_t)port &&
        (!proto || strcmp(proto, s->proto) == 0))
      return s;
  }
  return 0;
}

struct servent *WS_SYM(getservbyname)(const char *name, const char *proto) {
  WS_PROLOGUE(getservbyname);
  const struct ws_service *s = ws_find_service(name, proto);
  return s ? ws_servent(s) : 0;
}

struct servent *WS_SYM(getservbyport)(int port, const char *proto) {
  WS_PROLOGUE(getservbyport);
  const struct ws_service *s = ws_find_port(port, proto);
  return s ? ws_servent(s) : 0;
}

struct servent *WS_SYM(getservent)(void) {
  WS_PROLOGUE(getservent);
  if (ws_serv_next >= WS_SERVICE_COUNT)
    return 0;
  return ws_servent(&ws_services[ws_serv_next++]);
}

void WS_SYM(setservent)(int stayopen) {
  WS_PROLOGUE(setservent);
  (void)stayopen;
  ws_serv_next = 0;
}

void WS_SYM(endservent)(void) {
  WS_PROLOGUE(endservent);
  ws_serv_next = 0;
}

/* ---------------------------------------------------------------- protocols */

struct ws_protocol {
  const char *name, *alias;
  int number;
};

/* Debian's /etc/protocols names and aliases. */
static const struct ws_protocol ws_protocols[] = {
    {"ip", "IP", 0},    {"icmp", "ICMP", 1},  {"tcp", "TCP", 6},
    {"udp", "UDP", 17}, {"ipv6", "IPv6", 41}, {"ipv6-icmp", "IPv6-ICMP", 58},
};
#define WS_PROTOCOL_COUNT ((int)(sizeof ws_protocols / sizeof ws_protocols[0]))

static struct protoent ws_proto;
static char *ws_proto_aliases[2];

static struct protoent *ws_protoent(const struct ws_protocol *p) {
  ws_proto.p_name = (char *)p->name;
  ws_proto_aliases[0] = (char *)p->alias;
  ws_proto_aliases[1] = 0;
  ws_proto.p_aliases = ws_proto_aliases;
  ws_proto.p_proto = p->number;
  return &ws_proto;
}

struct protoent *WS_SYM(getprotobyname)(const char *name) {
  WS_PROLOGUE(getprotobyname);
  for (int i = 0; name && i < WS_PROTOCOL_COUNT; i++)
    if (strcmp(ws_protocols[i].name, name) == 0 ||
        strcmp(ws_protocols[i].alias, name) == 0)
      return ws_protoent(&ws_protocols[i]);
  return 0;
}

struct protoent *WS_SYM(getprotobynumber)(int proto) {
  WS_PROLOGUE(getprotobynumber);
  for (int i = 0; i < WS_PROTOCOL_COUNT; i++)
    if (ws_protocols[i].number == proto)
      return ws_protoent(&ws_protocols[i]);
  return 0;
}

/* ---------------------------------------------------------------- addresses */

in_addr_t WS_SYM(inet_addr)(const char *cp) {
  WS_PROLOGUE(inet_addr);
  struct in_addr a;
  if (!cp || !inet_aton(cp, &a))
    return (in_addr_t)-1;
  return a.s_addr;
}

char *WS_SYM(inet_ntoa)(struct in_addr in) {
  WS_PROLOGUE(inet_ntoa);
  static char text[16];
  const unsigned char *b = (const unsigned char *)&in.s_addr;
  snprintf(text, sizeof text, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
  return text;
}

/* ---------------------------------------------------------------- getaddrinfo and getnameinfo */

/* One result: the addrinfo, its address and canonical name in one allocation, freed as one. */
struct ws_ai {
  struct addrinfo ai;
  union {
    struct sockaddr_in v4;
    struct sockaddr_in6 v6;
  } addr;
  char canon[256];
};

static void ws_free_ai(struct addrinfo *ai) {
  while (ai) {
    struct addrinfo *next = ai->ai_next;
    free(ai); /* the addrinfo is the first member of its struct ws_ai */
    ai = next;
  }
}

static int ws_parse_port(const char *service, int socktype, int flags,
                         int *port) {
  if (!service) {
    *port = 0;
    return 0;
  }
  char *end;
  unsigned long n = strtoul(service, &end, 10);
  if (service[0] && !*end) {
    if (n > 65535)
      return EAI_SERVICE;
    *port = (int)n;
    return 0;
  }
  if (flags & AI_NUMERICSERV)
    return EAI_NONAME;
  const struct ws_service *s =
      ws_find_service(service, socktype == SOCK_DGRAM    ? "udp"
                               : socktype == SOCK_STREAM ? "tcp"
                                                         : 0);
  if (!s)
    return EAI_SERVICE;
  *port = s->port;
  return 0;
}

int WS_SYM(getaddrinfo)(const char *__restrict node,
                        const char *__restrict service,
                        const struct addrinfo *__restrict hints,
                        struct addrinfo **__restrict res) {
  WS_PROLOGUE(getaddrinfo);
  int family = hints ? hints->ai_family : AF_UNSPEC;
  int socktype = hints ? hints->ai_socktype : 0;
  int flags = hints ? hints->ai_flags : 0;
  if (!res)
    return EAI_FAIL;
  *res = 0;
  if (!node && !service)
    return EAI_NONAME;
  if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6)
    return EAI_FAMILY;
  if (socktype != 0 && socktype != SOCK_STREAM && socktype != SOCK_DGRAM)
    return EAI_SOCKTYPE;
  int port;
  int rc = ws_parse_port(service, socktype, flags, &port);
  if (rc)
    return rc;
  int numeric_service =
      !service ||
      (service[0] && strspn(service, "0123456789") == strlen(service));

  /* the address: numeric, the host's own name or localhost (loopback), or none (passive or loopback) */
  struct in_addr v4;
  struct in6_addr v6;
  int is_v6 = 0;
  const char *canon = node;
  if (!node) {
    is_v6 = family == AF_INET6;
    v4.s_addr = htonl((flags & AI_PASSIVE) ? INADDR_ANY : INADDR_LOOPBACK);
    v6 = (flags & AI_PASSIVE) ? in6addr_any : in6addr_loopback;
  } else if (family != AF_INET6 && inet_pton(AF_INET, node, &v4) == 1) {
    is_v6 = 0;
  } else if (family != AF_INET && inet_pton(AF_INET6, node, &v6) == 1) {
    is_v6 = 1;
  } else if (flags & AI_NUMERICHOST) {
    return EAI_NONAME;
  } else if (ws_same_host(node, ws_current_hostname()) ||
             ws_same_host(node, "localhost")) {
    is_v6 = family == AF_INET6;
    v4.s_addr = htonl(INADDR_LOOPBACK);
    v6 = in6addr_loopback;
    canon =
        ws_same_host(node, "localhost") ? "localhost" : ws_current_hostname();
  } else {
    return EAI_NONAME;
  }

  static const int types[2] = {SOCK_STREAM, SOCK_DGRAM};
  struct addrinfo **tail = res;
  for (int i = 0; i < 2; i++) {
    if (socktype && socktype != types[i])
      continue;
    /* a named service yields only the socket types whose protocol has it, as in glibc */
    if (!numeric_service && ws_parse_port(service, types[i], flags, &port))
      continue;
    struct ws_ai *r = calloc(1, sizeof *r);
    if (!r) {
      ws_free_ai(*res);
      *res = 0;
      return EAI_MEMORY;
    }
    r->ai.ai_family = is_v6 ? AF_INET6 : AF_INET;
    r->ai.ai_socktype = types[i];
    r->ai.ai_protocol = types[i] == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
    if (is_v6) {
      r->addr.v6.sin6_family = AF_INET6;
      r->addr.v6.sin6_port = htons((uint16_t)port);
      r->addr.v6.sin6_addr = v6;
      r->ai.ai_addrlen = sizeof r->addr.v6;
    } else {
      r->addr.v4.sin_family = AF_INET;
      r->addr.v4.sin_port = htons((uint16_t)port);
      r->addr.v4.sin_addr = v4;
      r->ai.ai_addrlen = sizeof r->addr.v4;
    }
    r->ai.ai_addr = (struct sockaddr *)&r->addr;
    if ((flags & AI_CANONNAME) && tail == res && canon) {
      snprintf(r->canon, sizeof r->canon, "%s", canon);
      r->ai.ai_canonname = r->canon;
    }
    *tail = &r->ai;
    tail = &r->ai.ai_next;
  }
  return 0;
}

void WS_SYM(freeaddrinfo)(struct addrinfo *ai) {
  WS_PROLOGUE(freeaddrinfo);
  ws_free_ai(ai);
}

const char *WS_SYM(gai_strerror)(int ecode) {
  WS_PROLOGUE(gai_strerror);
  switch (ecode) {
  case 0:
    return "Success";
  case EAI_BADFLAGS:
    return "Bad value for ai_flags";
  case EAI_NONAME:
    return "Name or service not known";
  case EAI_AGAIN:
    return "Temporary failure in name resolution";
  case EAI_FAIL:
    return "Non-recoverable failure in name resolution";
  case EAI_NODATA:
    return "No address associated with hostname";
  case EAI_FAMILY:
    return "ai_family not supported";
  case EAI_SOCKTYPE:
    return "ai_socktype not supported";
  case EAI_SERVICE:
    return "Servname not supported for ai_socktype";
  case EAI_MEMORY:
    return "Memory allocation failure";
  case EAI_SYSTEM:
    return "System error";
  case EAI_OVERFLOW:
    return "Argument buffer overflow";
  default:
    return "Unknown error";
  }
}

int WS_SYM(getnameinfo)(const struct sockaddr *__restrict sa, socklen_t salen,
                        char *__restrict host, socklen_t hostlen,
                        char *__restrict serv, socklen_t servlen, int flags) {
  WS_PROLOGUE(getnameinfo);
  char text[INET6_ADDRSTRLEN];
  int loopback, port;
  if (!sa)
    return EAI_FAIL;
  if (sa->sa_family == AF_INET &&
      salen >= (socklen_t)sizeof(struct sockaddr_in)) {
    const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
    loopback = (ntohl(in->sin_addr.s_addr) >> 24) == 127;
    inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
    port = in->sin_port;
  } else if (sa->sa_family == AF_INET6 &&
             salen >= (socklen_t)sizeof(struct sockaddr_in6)) {
    const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
    loopback = memcmp(&in6->sin6_addr, &in6addr_loopback,
                      sizeof in6addr_loopback) == 0;
    inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
    port = in6->sin6_port;
  } else {
    return EAI_FAMILY;
  }
  if (host && hostlen) {
    const char *name = text;
    if (!(flags & NI_NUMERICHOST) && loopback)
      name = ws_current_hostname();
    else if ((flags & NI_NAMEREQD) && !loopback)
      return EAI_NONAME;
    if (strlen(name) >= hostlen)
      return EAI_OVERFLOW;
    strcpy(host, name);
  }
  if (serv && servlen) {
    const struct ws_service *s =
        (flags & NI_NUMERICSERV)
            ? 0
            : ws_find_port(port, (flags & NI_DGRAM) ? "udp" : "tcp");
    char number[8];
    snprintf(number, sizeof number, "%u", (unsigned)ntohs((uint16_t)port));
    const char *name = s ? s->name : number;
    if (strlen(name) >= servlen)
      return EAI_OVERFLOW;
    strcpy(serv, name);
  }
  return 0;
}

static const char *ws_hstrerror(int ecode) {
  switch (ecode) {
  case 0:
    return "Resolver Error 0 (no error)";
  case HOST_NOT_FOUND:
    return "Unknown host";
  case TRY_AGAIN:
    return "Host name lookup failure";
  case NO_RECOVERY:
    return "Unknown server error";
  case NO_DATA:
    return "No address associated with name";
  default:
    return "Unknown resolver error";
  }
}

const char *WS_SYM(hstrerror)(int ecode) {
  WS_PROLOGUE(hstrerror);
  return ws_hstrerror(ecode);
}

void WS_SYM(herror)(const char *s) {
  WS_PROLOGUE(herror);
  const char *text = ws_hstrerror(h_errno);
  if (s && *s)
    fprintf(stderr, "%s: %s\n", s, text);
  else
    fprintf(stderr, "%s\n", text);
}

/* ---------------------------------------------------------------- sockets WASI preview 1 lacks
 * Only `error` and `trap` are offered, so the prologue always returns; the bodies are unreachable. */

int WS_SYM(socket)(int domain, int type, int protocol) {
  WS_PROLOGUE(socket);
  (void)domain;
  (void)type;
  (void)protocol;
  return ws_fail(ENOSYS);
}

/* Preview 1's sockets are the connected stream sockets a runtime hands over (or accept returns), which
 * sock_recv and sock_send serve: no message carries a source address, and a destination is the peer. As
 * wasi-libc's preview 2 TCP sockets and Linux's do, recvfrom reports an address of length 0 and sendto
 * ignores the one it is given (POSIX: "If the socket is connection-mode, dest_addr shall be ignored"). */
ssize_t WS_SYM(recvfrom)(int fd, void *__restrict buf, size_t len, int flags,
                         struct sockaddr *__restrict addr,
                         socklen_t *__restrict addrlen) {
  WS_PROLOGUE(recvfrom);
  (void)addr;
  ssize_t received = recv(fd, buf, len, flags);
  if (received >= 0 && addrlen)
    *addrlen = 0;
  return received;
}

ssize_t WS_SYM(sendto)(int fd, const void *buf, size_t len, int flags,
                       const struct sockaddr *addr, socklen_t addrlen) {
  WS_PROLOGUE(sendto);
  (void)addr;
  (void)addrlen;
  return send(fd, buf, len, flags);
}

int WS_SYM(socketpair)(int domain, int type, int protocol, int sv[2]) {
  WS_PROLOGUE(socketpair);
  (void)domain;
  (void)type;
  (void)protocol;
  (void)sv;
  return ws_fail(ENOSYS);
}

int WS_SYM(bind)(int fd, const struct sockaddr *addr, socklen_t len) {
  WS_PROLOGUE(bind);
  (void)fd;
  (void)addr;
  (void)len;
  return ws_fail(ENOSYS);
}

int WS_SYM(listen)(int fd, int backlog) {
  WS_PROLOGUE(listen);
  (void)fd;
  (void)backlog;
  return ws_fail(ENOSYS);
}

int WS_SYM(connect)(int fd, const struct sockaddr *addr, socklen_t len) {
  WS_PROLOGUE(connect);
  (void)fd;
  (void)addr;
  (void)len;
  return ws_fail(ENOSYS);
}

int WS_SYM(setsockopt)(int fd, int level, int optname, const void *optval,
                       socklen_t optlen) {
  WS_PROLOGUE(setsockopt);
  (void)fd;
  (void)level;
  (void)optname;
  (void)optval;
  (void)optlen;
  return ws_fail(ENOSYS);
}

int WS_SYM(getsockname)(int fd, struct sockaddr *__restrict addr,
                        socklen_t *__restrict len) {
  WS_PROLOGUE(getsockname);
  (void)fd;
  (void)addr;
  (void)len;
  return ws_fail(ENOSYS);
}

int WS_SYM(getpeername)(int fd, struct sockaddr *__restrict addr,
                        socklen_t *__restrict len) {
  WS_PROLOGUE(getpeername);
  (void)fd;
  (void)addr;
  (void)len;
  return ws_fail(ENOSYS);
}
