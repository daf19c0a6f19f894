/* test_tables_check.c - the member references of the tables are proven (csvp/tables_check.h):
 * each size_is/length_is/switch_is is a sibling of a shape that needs it, and a parameter's
 * reference is the name its IDL attributes give. And the names JSON writes unescaped need no
 * escapes (csvp/names_check.h). */
#include "names_check.h"
#include "tables_check.h"
#include "vec.h"

#include <stdio.h>
#include <string.h>

enum { NONE = -1, ELSEWHERE = -2 };

/* A CprepDiskGetUniqueIds-like method (3.2.4.14): [in] cbData, [out, size_is(cbData),
 * length_is(*pcbDataOut)] pbData, [out] pcbDataOut. length_is: the index of the parameter pbData's
 * reference points at, NONE, or ELSEWHERE (a member of another method). */
static guint check_fake(int length_is, const char *attrs)
{
    static const csvp_member other = { .owner = "Other", .name = "pcbDataOut" };
    static const csvp_type arr = { .name = "byte*", .kind = CSVP_K_ARRAY, .elem = NULL, .conformant = true,
                                   .varying = true };
    csvp_member params[] = {
        { .owner = "Fake", .name = "cbData", .attrs = "in", .dir = CSVP_IN },
        { .owner = "Fake", .name = "pbData", .type = &arr, .attrs = attrs, .dir = CSVP_OUT },
        { .owner = "Fake", .name = "pcbDataOut", .attrs = "out", .dir = CSVP_OUT },
    };
    params[1].size_is = &params[0];
    params[1].length_is = length_is == NONE ? NULL : length_is == ELSEWHERE ? &other : &params[length_is];
    const csvp_method m = { .opnum = 1, .name = "Fake", .params = params, .n_params = 3 };
    GString *out = g_string_new(NULL);
    guint bad = csvp_method_check(&m, out);
    if (getenv("CHECK_VERBOSE"))
        fputs(out->str, stderr);
    g_string_free(out, TRUE);
    return bad;
}

int main(void)
{
    GString *out = g_string_new(NULL);
    guint bad = csvp_tables_check(out);
    if (!CHECK(bad == 0))
        fputs(out->str, stderr);
    g_string_free(out, TRUE);

    /* The references the walker follows, as section 6 declares them (3.2.4.1, 3.2.4.14, 3.4.4.1). */
    const csvp_method *raw = csvp_method_by_name("CprepDiskRawRead", NULL);
    const csvp_member *pb = &raw->params[3];
    CHECK(strcmp(pb->name, "pbData") == 0 && strcmp(pb->size_is->name, "cbData") == 0 &&
          strcmp(pb->length_is->name, "pcbDataRead") == 0 && !pb->switch_is);
    const csvp_method *ids3 = csvp_method_by_name("CprepDiskGetUniqueIds3", NULL);
    CHECK(strcmp(ids3->params[1].size_is->name, "pcbDihSize") == 0 && !ids3->params[1].length_is);
    CHECK(strcmp(ids3->params[3].size_is->name, "pcbDdSize") == 0);
    /* CPREP_DISKID's union is switched by DiskIdType (2.2.2). */
    const csvp_type *diskid = raw->params[0].type;
    CHECK(diskid->n_members == 2 && diskid->members[1].switch_is == &diskid->members[0]);

    /* The fake agrees with itself. */
    CHECK(check_fake(2, "out, size_is(cbData), length_is(*pcbDataOut)") == 0);
    /* The reference points at the wrong sibling: the attributes name another. */
    CHECK(check_fake(0, "out, size_is(cbData), length_is(*pcbDataOut)") == 1);
    /* The reference points outside the parameter list. */
    CHECK(check_fake(ELSEWHERE, "out, size_is(cbData), length_is(*pcbDataOut)") == 1);
    /* The attributes misspell the name the reference has. */
    CHECK(check_fake(2, "out, size_is(cbData), length_is(*pcbDataOutt)") == 1);
    /* The member forgets length_is: its varying array has none, and the attributes name one. */
    CHECK(check_fake(NONE, "out, size_is(cbData), length_is(*pcbDataOut)") == 2);
    /* The attributes forget length_is that the member states. */
    CHECK(check_fake(2, "out, size_is(cbData)") == 1);
    /* A reference to the member itself is no sibling reference. */
    CHECK(check_fake(1, "out, size_is(cbData), length_is(*pbData)") == 1);

    /* Every name the JSON writer copies unescaped (json_plain, keys) needs none. */
    out = g_string_new(NULL);
    if (!CHECK(csvp_names_check(out) == 0))
        fputs(out->str, stderr);
    g_string_free(out, TRUE);
    CHECK(csvp_name_json_safe("CprepDiskRawRead") && csvp_name_json_safe("ERROR_SUCCESS (0x0)"));
    CHECK(!csvp_name_json_safe("a\"b") && !csvp_name_json_safe("a\\b") && !csvp_name_json_safe("tab\t") &&
          !csvp_name_json_safe("caf\xc3\xa9"));
    /* A method whose parameter's enum has a quoted value name is reported once. */
    static const csvp_name vals[] = { { 0, "Ok" }, { 1, "Say \"hi\"" } };
    static const csvp_type en = { .name = "E", .kind = CSVP_K_ENUM16, .values = vals, .n_values = 2 };
    const csvp_member p[] = { { .owner = "Fake", .name = "e", .type = &en, .dir = CSVP_IN } };
    const csvp_method fake = { .opnum = 1, .name = "Fake", .params = p, .n_params = 1 };
    out = g_string_new(NULL);
    CHECK(csvp_method_names_check(&fake, out) == 1 && strstr(out->str, "Say \"hi\""));
    g_string_free(out, TRUE);
    return check_report("tables_check");
}
