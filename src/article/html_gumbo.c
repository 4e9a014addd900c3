/* html_gumbo.c - gumbo run inside a fence: every allocation it makes is
 * tracked (so the whole tree is freed in one linear pass, never by
 * gumbo's recursive destroy, and a page is refused past a memory budget),
 * and a failed assertion inside gumbo (Debian's libgumbo1 keeps them:
 * "<table><svg><select><foreignObject><select><table>" aborts it) refuses
 * the page instead of ending the process.  See html_dom.h. */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "html_dom.h"

typedef struct link {
    struct link *prev, *next;
} link;

typedef struct block {
    link l;
    size_t size;
    alignas(max_align_t) unsigned char data[];
} block;

typedef struct fence {
    link head; /* circular list of live blocks */
    size_t live, budget;
    int active;
    sigjmp_buf jb;
} fence;

static _Thread_local fence *t_fence;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void on_abort(int sig)
{
    fence *f = t_fence;
    if (f && f->active)
        siglongjmp(f->jb, 1);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_abort;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGABRT, &sa, NULL);
}

static void *fence_alloc(void *ud, size_t size)
{
    fence *f = ud;
    block *b = size <= f->budget - f->live ? malloc(sizeof *b + size) : NULL;
    if (!b)
        siglongjmp(f->jb, 2); /* gumbo cannot handle a NULL: leave it */
    b->size = size;
    b->l.next = f->head.next;
    b->l.prev = &f->head;
    f->head.next->prev = &b->l;
    f->head.next = &b->l;
    f->live += size;
    return b->data;
}

static void fence_free(void *ud, void *p)
{
    fence *f = ud;
    if (!p)
        return;
    block *b = (block *)((unsigned char *)p - offsetof(block, data));
    b->l.prev->next = b->l.next;
    b->l.next->prev = b->l.prev;
    f->live -= b->size;
    free(b);
}

void hgumbo_free(void *arena)
{
    fence *f = arena;
    if (!f)
        return;
    link *b = f->head.next;
    while (b != &f->head) {
        link *n = b->next;
        free(b); /* the link is the block's first member */
        b = n;
    }
    free(f);
}

att_status hgumbo_parse(const char *html, size_t len, GumboOutput **out, void **arena, char *err,
                        size_t errlen)
{
    *out = NULL;
    *arena = NULL;
    pthread_once(&once, install);
    fence *f = calloc(1, sizeof *f);
    if (!f)
        return att_seterr(err, errlen, ATT_ERR_NOMEM, "out of memory");
    f->head.next = f->head.prev = &f->head;
    f->budget = HTML_PARSE_BUDGET;
    GumboOptions opt = kGumboDefaultOptions;
    opt.max_errors = 0; /* we never look at parse errors; recording them costs */
    opt.allocator = fence_alloc;
    opt.deallocator = fence_free;
    opt.userdata = f;
    fence *volatile keep = f;
    int why = sigsetjmp(f->jb, 1);
    if (why) {
        keep->active = 0;
        t_fence = NULL;
        hgumbo_free(keep);
        return why == 1 ? att_seterr(err, errlen, ATT_ERR_FORMAT,
                                     "HTML parser failed an internal check on this page")
                        : att_seterr(err, errlen, ATT_ERR_TOOBIG,
                                     "HTML page needs more than %d MB to parse",
                                     (int)(HTML_PARSE_BUDGET >> 20));
    }
    t_fence = f;
    f->active = 1;
    GumboOutput *o = gumbo_parse_with_options(&opt, html, len);
    f->active = 0;
    t_fence = NULL;
    *out = o;
    *arena = f;
    return ATT_OK;
}
