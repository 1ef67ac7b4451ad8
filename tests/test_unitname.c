/* test_unitname.c — a unit's name normalised, its stable id, and the jurisdiction it begins
 * with (ingest/unitname.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../ingest/diag.h"
#include "../ingest/unitname.h"

static void test_normalise(void **state)
{
    (void)state;
    char out[128];
    /* PDF text puts spaces (ASCII and U+3000) inside names; brackets come in either width */
    bk_unit_name_normalise(" 上海市 普陀区\u3000财政局（本级） ", out, sizeof out);
    assert_string_equal(out, "上海市普陀区财政局(本级)");
    /* cut at a character boundary: 7 bytes hold two 3-byte characters and the NUL */
    bk_unit_name_normalise("上海市", out, 8);
    assert_string_equal(out, "上海");
}

static void test_stable_id(void **state)
{
    (void)state;
    char id[BK_UNIT_ID_LEN];
    /* the FNV-1a 64-bit test vector for "a" is 0xaf63dc4c8601ec8c (the algorithm's own list) */
    bk_unit_id_from_name("a", id);
    assert_string_equal(id, "uaf63dc4c8601ec8c");
    bk_unit_id_from_name(" a ", id);
    assert_string_equal(id, "uaf63dc4c8601ec8c");
    /* two years of one unit, printed differently, share the id; another unit does not */
    char a[BK_UNIT_ID_LEN], b[BK_UNIT_ID_LEN], other[BK_UNIT_ID_LEN];
    bk_unit_id_from_name("上海市普陀区人民政府万里街道办事处（本级）", a);
    bk_unit_id_from_name("上海市普陀区人民政府万里街道办事处 (本级)", b);
    bk_unit_id_from_name("上海市普陀区人民政府长征镇", other);
    assert_string_equal(a, b);
    assert_string_not_equal(a, other);
}

static void assert_place(const char *name, const char *province, const char *city,
                         const char *district)
{
    bk_jurisdiction j;
    bk_jurisdiction_from_name(name, &j);
    assert_string_equal(j.province, province);
    assert_string_equal(j.city, city);
    assert_string_equal(j.district, district);
}

static void test_jurisdiction(void **state)
{
    (void)state;
    assert_place("上海市普陀区财政局", "", "上海市", "普陀区");
    assert_place("上海市浦东新区教育局", "", "上海市", "浦东新区");
    assert_place("大同市人民政府国有资产监督管理委员会", "", "大同市", "");
    assert_place("廊坊市广阳区人民政府办公室本级", "", "廊坊市", "广阳区");
    assert_place("廊坊市大厂回族自治县财政局", "", "廊坊市", "大厂回族自治县");
    assert_place("河北省廊坊市三河市教育局", "河北省", "廊坊市", "三河市");
    assert_place("内蒙古自治区呼和浩特市新城区卫生健康委员会", "内蒙古自治区", "呼和浩特市",
                 "新城区");
    assert_place("唐山市丰润区 人民政府", "", "唐山市", "丰润区");
    assert_place("中共廊坊市委组织部", "", "廊坊市", "");
    /* words that begin with 市 or end in 区 without being places */
    assert_place("廊坊市市场监督管理局", "", "廊坊市", "");
    assert_place("廊坊市经济技术开发区管理委员会", "", "廊坊市", "");
    assert_place("大同市开发区管理委员会", "", "大同市", "");
    assert_place("上海市社区服务中心", "", "上海市", "");
    /* a name that does not begin with a place gives none */
    assert_place("大厂高新技术产业开发区管理委员会", "", "", "");
    assert_place("社会福利院", "", "", "");
    assert_place("", "", "", "");
}

/* A units file's row is found by the name printed with stray spaces and full-width brackets. */
static void test_find_by_name(void **state)
{
    (void)state;
    static const char csv[] = "id,name,unit_code,city,county,level,kind\n"
                              "wanli,上海市普陀区万里街道办事处(本级),,上海市,普陀区,county,department\n"
                              "other,上海市普陀区财政局,,上海市,普陀区,county,department\n";
    FILE *f = fmemopen((void *)csv, sizeof csv - 1, "r");
    assert_non_null(f);
    bk_dataset *ds = bk_dataset_new();
    assert_non_null(ds);
    bk_diag_list diags;
    bk_diag_list_init(&diags);
    assert_int_equal(bk_dataset_load_stream(ds, f, "units.csv", &diags), 0);
    assert_int_equal(diags.errors, 0);
    fclose(f);
    const bk_unit *u = bk_unit_find_by_name(ds, "上海市普陀区 万里街道办事处（本级）");
    assert_non_null(u);
    assert_string_equal(u->id, "wanli");
    assert_null(bk_unit_find_by_name(ds, "上海市普陀区万里街道办事处"));
    bk_diag_list_release(&diags);
    bk_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalise),
        cmocka_unit_test(test_stable_id),
        cmocka_unit_test(test_jurisdiction),
        cmocka_unit_test(test_find_by_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
