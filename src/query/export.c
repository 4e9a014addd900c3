/* export.c - events as TSV, GDELT and CSV lines; see export.h. */
#include "export.h"

#include <string.h>

const char att_event_tsv_header[] = "id\tarticle\tdate\tprecision\tactor1\tcountry1\tactor2\tcountry2\tcameo\troot"
                                    "\tgoldstein\tmodality\tplace\tconfidence\tsentence";
const char att_event_csv_header[] = "id,article_id,date,actor1,actor1_name,actor2,actor2_name,cameo,root,quad,goldstein,"
                                    "modality,confidence,location,sentence,url";

/* A text field of a TSV line: tabs and newlines become spaces, other
 * control characters (C0, DEL, C1) U+FFFD, so no line breaks a row and
 * none sends a terminal an escape sequence. */
static void tsv_field(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if (*p == '\t' || *p == '\n' || *p == '\r')
            fputc(' ', f);
        else if (*p < 0x20 || *p == 0x7F)
            fputs("\xEF\xBF\xBD", f);
        else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) { /* C1 control */
            fputs("\xEF\xBF\xBD", f);
            p++;
        } else
            fputc(*p, f);
    }
}

/* YYYYMMDD from an ISO date of any precision (missing parts = 01). */
static void sqldate(const char *iso, char out[16])
{
    int y = 0, m = 1, d = 1;
    if (iso && iso[0] != '-')
        sscanf(iso, "%d-%d-%d", &y, &m, &d);
    if (y)
        snprintf(out, 16, "%04d%02d%02d", y % 10000, m % 100, d % 100);
    else
        out[0] = '\0';
}

void att_event_tsv(FILE *f, const att_event_row *r)
{
    fprintf(f, "%lld\t%lld\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.1f\t%s\t", (long long)r->id,
            (long long)r->article_id, r->date ? r->date : "", r->date_precision, r->a1.code, r->a1.country, r->a2.code,
            r->a2.country, r->cameo, r->root, r->goldstein, r->modality);
    tsv_field(f, r->location_name);
    fprintf(f, "\t%.2f\t", r->confidence);
    tsv_field(f, r->sentence);
    fputc('\n', f);
}

void att_event_gdelt(FILE *f, const att_event_row *r, const att_lexicon *lx)
{
    /* GDELT 2.0 event table: 61 tab-separated columns in GDELT's order */
    char d[16], added[15] = "";
    sqldate(r->date, d);
    int y = 0, m = 1, dd = 1;
    if (d[0])
        sscanf(d, "%4d%2d%2d", &y, &m, &dd);
    const char *ia = r->ingested_at;
    if (strlen(ia) >= 19)
        snprintf(added, sizeof added, "%.4s%.2s%.2s%.2s%.2s%.2s", ia, ia + 5, ia + 8, ia + 11, ia + 14, ia + 17);
    char base[4];
    snprintf(base, sizeof base, "%.3s", r->cameo);
    fprintf(f, "%lld\t%s\t", (long long)r->id, d);
    if (y)
        fprintf(f, "%04d%02d\t%04d\t%.4f\t", y, m, y, y + ((m - 1) * 30.42 + dd) / 365.0);
    else
        fprintf(f, "\t\t\t");
    const att_actor_ref *a[2] = {&r->a1, &r->a2};
    for (int k = 0; k < 2; k++) {
        const char *type = strlen(a[k]->code) > 3 ? a[k]->code + 3 : "";
        /* Code Name CountryCode KnownGroup Ethnic Rel1 Rel2 Type1 Type2 Type3 */
        fprintf(f, "%s\t", a[k]->code);
        tsv_field(f, a[k]->name);
        /* CountryCode is a state; an organization (or its official) goes in KnownGroupCode */
        int state = lx ? att_lexicon_country(lx, a[k]->country) >= 0 : a[k]->type != ATT_ACTOR_ORG;
        fprintf(f, "\t%s\t%s\t\t\t\t%s\t\t\t", state ? a[k]->country : "", state ? "" : a[k]->country, type);
    }
    /* NumMentions counts the copies of the event too */
    fprintf(f, "%d\t%s\t%s\t%s\t%d\t%.1f\t%lld\t%lld\t%lld\t%.4f\t", 0, r->cameo, base, r->root, r->quad,
           r->goldstein, (long long)r->num_articles, (long long)r->num_sources, (long long)r->num_articles,
           r->tone);
    /* Actor1Geo_*, Actor2Geo_* (8 each, unknown), then ActionGeo_* (8) */
    fprintf(f, "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t");
    fprintf(f, "%s\t", r->location_name ? "1" : "");
    tsv_field(f, r->location_name);
    fprintf(f, "\t\t\t\t\t\t\t%s\t", added);
    tsv_field(f, r->url);
    fputc('\n', f);
}


static void csv_cell(FILE *f, const char *s, int last)
{
    s = s ? s : "";
    fputc('"', f);
    if (*s == '=' || *s == '+' || *s == '-' || *s == '@')
        fputc('\'', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s == '\r' ? ' ' : *s, f);
    }
    fputc('"', f);
    fputc(last ? '\n' : ',', f);
}

void att_event_csv(FILE *f, const att_event_row *r)
{
    fprintf(f, "%lld,%lld,", (long long)r->id, (long long)r->article_id);
    csv_cell(f, r->date, 0);
    csv_cell(f, r->a1.code, 0);
    csv_cell(f, r->a1.name, 0);
    csv_cell(f, r->a2.code, 0);
    csv_cell(f, r->a2.name, 0);
    csv_cell(f, r->cameo, 0);
    csv_cell(f, r->root, 0);
    fprintf(f, "%d,%.1f,", r->quad, r->goldstein);
    csv_cell(f, r->modality, 0);
    fprintf(f, "%.2f,", r->confidence);
    csv_cell(f, r->location_name, 0);
    csv_cell(f, r->sentence, 0);
    csv_cell(f, r->url, 1);
}

const char att_gdelt_header[] =
    "GLOBALEVENTID\tSQLDATE\tMonthYear\tYear\tFractionDate\tActor1Code\tActor1Name\tActor1CountryCode\t"
    "Actor1KnownGroupCode\tActor1EthnicCode\tActor1Religion1Code\tActor1Religion2Code\tActor1Type1Code\t"
    "Actor1Type2Code\tActor1Type3Code\tActor2Code\tActor2Name\tActor2CountryCode\tActor2KnownGroupCode\t"
    "Actor2EthnicCode\tActor2Religion1Code\tActor2Religion2Code\tActor2Type1Code\tActor2Type2Code\t"
    "Actor2Type3Code\tIsRootEvent\tEventCode\tEventBaseCode\tEventRootCode\tQuadClass\tGoldsteinScale\t"
    "NumMentions\tNumSources\tNumArticles\tAvgTone\tActor1Geo_Type\tActor1Geo_FullName\t"
    "Actor1Geo_CountryCode\tActor1Geo_ADM1Code\tActor1Geo_ADM2Code\tActor1Geo_Lat\tActor1Geo_Long\tActor1Geo_FeatureID\t"
    "Actor2Geo_Type\tActor2Geo_FullName\tActor2Geo_CountryCode\tActor2Geo_ADM1Code\tActor2Geo_ADM2Code\t"
    "Actor2Geo_Lat\t"
    "Actor2Geo_Long\tActor2Geo_FeatureID\tActionGeo_Type\tActionGeo_FullName\tActionGeo_CountryCode\t"
    "ActionGeo_ADM1Code\tActionGeo_ADM2Code\tActionGeo_Lat\tActionGeo_Long\tActionGeo_FeatureID\tDATEADDED\tSOURCEURL";

