/* test_tables_check.c - the references the tables state twice agree (csvp/tables_check.h): every
 * size_is/length_is/switch_is names a sibling, and a parameter's type and IDL attributes name the same. */
#include "tables_check.h"
#include "vec.h"

#include <stdio.h>
#include <string.h>

/* A CprepDiskGetUniqueIds-like method (3.2.4.14): [in] cbData, [out, size_is(cbData),
 * length_is(*pcbDataOut)] pbData, [out] pcbDataOut; the type of pbData misspells or not. */
static guint check_fake(const char *type_length_is, const char *attrs)
{
    const csvp_type arr = { .name = "byte[]", .kind = CSVP_K_ARRAY, .elem = NULL, .conformant = true,
                            .varying = true, .size_is = "cbData", .length_is = type_length_is };
    const csvp_member params[] = {
        { .owner = "Fake", .name = "cbData", .type = NULL, .attrs = "in", .dir = CSVP_IN },
        { .owner = "Fake", .name = "pbData", .type = &arr, .attrs = attrs, .dir = CSVP_OUT },
        { .owner = "Fake", .name = "pcbDataOut", .type = NULL, .attrs = "out", .dir = CSVP_OUT },
    };
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
    /* The fake agrees with itself. */
    CHECK(check_fake("pcbDataOut", "out, size_is(cbData), length_is(*pcbDataOut)") == 0);
    /* The type misspells: its name is no sibling, and the attributes name one the type does not. */
    CHECK(check_fake("pcbDataOt", "out, size_is(cbData), length_is(*pcbDataOut)") == 2);
    /* The attributes misspell: the type's name is missing from them, theirs from the type. */
    CHECK(check_fake("pcbDataOut", "out, size_is(cbData), length_is(*pcbDataOutt)") == 2);
    /* The type forgets length_is: the attributes name what the walker would not check. */
    CHECK(check_fake(NULL, "out, size_is(cbData), length_is(*pcbDataOut)") == 1);
    return check_report("tables_check");
}
