#!/usr/bin/env python3
"""Generates the customer books the labelled corpus is written against (seeded: the same books every run).

Each book is a sales team and its customers under one naming pattern, so that understanding is measured on
names it was not built around: region-first legal names with a trade word, banks and hotels with 股份/集团,
hospitals and schools, foreign companies with （中国）, shops and logistics groups. A few brands recur in two
cities (the realistic share of near-duplicates), and one rep shares a name with a customer's contact.

    python3 scripts/corpus/make_books.py Bot.Tests/TestData/nlu/books
"""
import json
import random
import sys
from pathlib import Path

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平",
         "刚", "桂英", "建华", "建国", "晓东", "海燕", "志强", "国庆", "丹", "萍", "鹏", "辉", "玲", "斌", "宇", "浩", "凯", "欣",
         "婷", "雪", "琳", "晨", "阳", "亮", "波", "峰", "红", "梅", "华", "俊", "雷", "宁", "佳", "倩", "文", "颖", "瑶", "晶",
         "志刚", "春梅", "立新", "海波", "晓燕", "子涵", "思远", "一鸣", "振华", "德胜", "美玲", "佳怡", "嘉豪", "宏伟", "建军", "卫东"]
ENGLISH = ["Tony", "Kevin", "Linda", "Amy", "Jason", "Eric", "Lisa", "David", "Cathy", "Frank", "Grace", "Jack", "Helen", "Peter", "Sandy"]

REGIONS = ["北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "苏州", "南京", "成都", "武汉", "西安", "宁波", "无锡", "合肥",
           "厦门", "青岛", "济南", "长沙", "郑州", "东莞", "佛山", "福州", "昆明", "南宁", "贵阳", "太原", "石家庄", "沈阳", "大连",
           "哈尔滨", "长春", "南昌", "温州", "绍兴", "嘉兴", "常州", "南通", "徐州", "烟台", "潍坊", "珠海", "中山", "惠州", "泉州",
           "江苏", "浙江", "广东", "山东", "四川", "湖北", "湖南", "河南", "河北", "安徽", "福建", "云南", "陕西", "辽宁"]

BRANDS = ["金禾", "鼎盛", "博雅", "天宇", "恒通", "蓝鲸", "华信", "永辉", "银河", "长江", "泰和", "瑞祥", "德邦", "联创", "华润", "宏图",
          "嘉禾", "盛世", "中联", "万达", "凯旋", "东升", "明珠", "金鹰", "正泰", "远大", "新希望", "九州", "百川", "恒大", "南方",
          "北辰", "紫光", "同创", "天成", "汇丰", "众诚", "兴业", "和信", "富源", "鸿运", "立达", "海纳", "云帆", "星河", "青松",
          "金石", "中天", "宝丰", "利民", "康宁", "安信", "华通", "信达", "广源", "隆基", "顺丰", "丰收", "新天地", "大地", "先锋",
          "精工", "飞跃", "天合", "卓远", "华康", "仁和", "同仁", "济民", "博爱", "育才", "启航", "明德", "弘毅", "致远", "求实",
          "翰林", "书香", "优品", "好又多", "乐购", "惠民", "万家", "家家乐", "快捷", "捷达", "通达", "速运", "畅行", "宏远", "腾飞",
          "金帆", "碧水", "绿源", "阳光", "晨光", "朝阳", "曙光", "光明", "春晖", "秋实", "润泽", "恒源", "万象", "盛达", "荣昌",
          "国泰", "民生", "平安", "太平", "长城", "泰山", "黄河", "珠江", "钱塘", "西湖", "雪莲", "金桂", "银杏", "红杉", "松柏",
          "锦绣", "华夏", "神州", "东方红", "中原", "齐鲁", "巴蜀", "荆楚", "岭南", "江南", "塞北", "天山", "昆仑", "峨眉", "黄山"]
FOREIGN = [("西门子", "（中国）有限公司"), ("博世", "（中国）投资有限公司"), ("施耐德", "电气（中国）有限公司"), ("飞利浦", "（中国）投资有限公司"),
           ("欧莱雅", "（中国）有限公司"), ("巴斯夫", "（中国）有限公司"), ("霍尼韦尔", "（中国）有限公司"), ("雀巢", "（中国）有限公司"),
           ("Acme", "科技（上海）有限公司"), ("Nordlys", "贸易（深圳）有限公司"), ("Brightway", "信息技术（北京）有限公司"),
           ("松下", "电器（中国）有限公司"), ("三菱", "电机（中国）有限公司"), ("ABB", "（中国）有限公司"), ("汉高", "（中国）投资有限公司")]

# (industry, trade words, legal forms, contact titles) per naming pattern.
PATTERNS = {
    "manufacturing": ("制造", ["食品", "建材", "汽车零部件", "精密机械", "五金制品", "塑胶", "模具", "包装材料", "化工", "纺织", "服饰",
                                "家具", "电器", "新材料", "光电", "电子科技", "环保科技", "新能源", "钢结构", "印务", "陶瓷", "玻璃"],
                      ["有限公司", "有限公司", "股份有限公司", "有限责任公司", "厂", "实业有限公司"],
                      ["总经理", "厂长", "副厂长", "采购经理", "采购主管", "技术总监", "生产经理", "财务总监", "董事长", "老板"]),
    "finance": ("金融服务", ["银行", "农村商业银行", "证券", "保险代理", "融资租赁", "资产管理", "酒店管理", "物业管理", "律师事务所",
                            "会计师事务所", "投资咨询", "担保", "典当", "信托", "人力资源", "广告传媒", "文化传播", "旅行社"],
                ["股份有限公司", "有限公司", "集团有限公司", "集团股份有限公司", "有限公司", ""],
                ["行长", "副行长", "总经理", "部门经理", "合伙人", "主任", "运营总监", "采购经理", "行政经理", "IT经理", "总监"]),
    "health_edu": ("医疗教育", ["医院", "人民医院", "中医院", "口腔医院", "妇幼保健院", "诊所", "药业", "医药", "生物医药", "医疗器械",
                              "实验学校", "外国语学校", "职业技术学院", "培训学校", "教育科技", "幼儿园", "体检中心", "养老服务"],
                   ["", "有限公司", "有限公司", "股份有限公司", "集团"],
                   ["院长", "副院长", "校长", "副校长", "主任", "科室主任", "采购科长", "设备科科长", "信息科主任", "总经理", "园长", "护士长"]),
    "foreign_group": ("外资集团", ["投资", "控股", "实业", "科技", "国际贸易", "供应链", "智能科技", "发展"],
                      ["集团有限公司", "集团股份有限公司", "控股集团有限公司", "有限公司", "（集团）有限公司"],
                      ["总经理", "大中华区总裁", "采购总监", "采购经理", "副总裁", "IT总监", "CIO", "董事长", "区域经理", "项目经理"]),
    "retail_logistics": ("零售物流", ["物流", "物流集团", "快运", "供应链管理", "仓储", "冷链物流", "连锁超市", "百货", "商贸", "电子商务",
                                     "便利店", "餐饮管理", "餐饮连锁", "进出口贸易", "农产品", "生鲜", "母婴用品", "家居广场"],
                         ["有限公司", "有限公司", "集团有限公司", "股份有限公司", ""],
                         ["总经理", "老板", "店长", "区域经理", "采购经理", "物流经理", "运营总监", "仓库主管", "财务经理", "副总"]),
}

# Names that are complete without a legal form: 杭州明德实验学校, 北京金石律师事务所.
INSTITUTIONS = {"医院", "人民医院", "中医院", "口腔医院", "妇幼保健院", "诊所", "实验学校", "外国语学校", "职业技术学院", "培训学校",
                "幼儿园", "律师事务所", "会计师事务所", "旅行社"}

TEAM_NAMES = ["王强", "李娜", "张伟", "陈静", "刘洋", "赵磊", "孙丽", "周杰", "吴敏", "郑浩", "冯雪", "何亮", "许婷", "韩冰", "曹阳",
              "邓超", "彭飞", "曾琳", "萧然", "田甜", "蒋涛", "罗欣", "林峰", "宋佳", "唐宁", "方圆", "高远", "马骏", "黄蕾", "郭晨"]


def person(rng):
    if rng.random() < 0.05:
        first = rng.choice(ENGLISH)
        return first if rng.random() < 0.4 else f"{first} {rng.choice(['Wang', 'Li', 'Zhang', 'Chen', 'Liu', 'Zhou'])}"
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def pinyin_id(name, taken):
    base = "u" + str(len(taken) + 1)
    taken.add(base)
    return base


def make_book(key, pattern, seed, size, reps, managers, taken_brands=()):
    rng = random.Random(seed)
    industry, trades, forms, titles = PATTERNS[pattern]
    names = rng.sample(TEAM_NAMES, reps + managers + 1)
    users = [{"userid": "admin1", "name": names[0], "role": "admin", "manager": None}]
    for m in range(managers):
        users.append({"userid": f"mgr{m + 1}", "name": names[1 + m], "role": "manager", "manager": None})
    rep_ids = []
    for r in range(reps):
        uid = f"rep{r + 1}"
        users.append({"userid": uid, "name": names[1 + managers + r], "role": "rep", "manager": f"mgr{r % managers + 1}"})
        rep_ids.append(uid)

    brands = rng.sample([b for b in BRANDS if b not in taken_brands], min(len(BRANDS) - len(taken_brands), size))
    customers = []
    used = set()
    for i in range(size):
        if i >= len(brands):
            break
        brand = brands[i]
        if pattern == "foreign_group" and i % 3 == 0:
            brand, form = FOREIGN[(i // 3) % len(FOREIGN)]
            legal = brand + form
            trade = ""
        else:
            trade = rng.choice(trades)
            form = rng.choice(forms)
            region = rng.choice(REGIONS) if rng.random() < 0.55 else ""
            if trade in INSTITUTIONS:
                form = ""
                if rng.random() < 0.7:
                    region = rng.choice(REGIONS[:45])
            legal = region + brand + trade + form
        if legal in used:
            continue
        used.add(legal)
        owner = rep_ids[i % len(rep_ids)] if rng.random() > 0.05 else f"mgr{rng.randint(1, managers)}"
        customer = {"legal_name": legal, "short_name": None, "aliases": [], "owner": owner, "industry": industry, "contacts": []}
        if rng.random() < 0.35 and trade:
            customer["short_name"] = brand + (trade if len(trade) <= 3 else trade[:2])
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            customer["contacts"].append({"name": person(rng), "title": rng.choice(titles)})
        customers.append(customer)

    # Near-duplicates: a few brands recur in another city, sometimes with another owner.
    for original in rng.sample(customers[: size // 2], max(3, size // 25)):
        if "（" in original["legal_name"]:
            continue
        region = rng.choice(REGIONS[:30])
        legal = region + strip_region(original["legal_name"])
        if legal in used:
            continue
        used.add(legal)
        owner = original["owner"] if rng.random() < 0.6 else rng.choice(rep_ids)
        customers.append({"legal_name": legal, "short_name": None, "aliases": [], "owner": owner, "industry": original["industry"],
                          "contacts": [{"name": person(rng), "title": rng.choice(titles)}]})

    # One rep shares a name with a customer's contact (as a real team sometimes does).
    rep_name = next(u["name"] for u in users if u["userid"] == rep_ids[-1])
    rng.choice(customers)["contacts"].append({"name": rep_name, "title": rng.choice(titles)})
    return {"book": key, "pattern": pattern, "users": users, "customers": customers}


def strip_region(name):
    for region in sorted(REGIONS, key=len, reverse=True):
        if name.startswith(region):
            return name[len(region):]
    return name


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    specs = [
        ("mfg", "manufacturing", 101, 120, 6, 1),
        ("fin", "finance", 202, 90, 5, 1),
        ("med", "health_edu", 303, 110, 6, 2),
        ("intl", "foreign_group", 404, 80, 4, 1),
        ("shop", "retail_logistics", 505, 140, 8, 2),
        ("mix", "manufacturing", 606, 70, 7, 2),
    ]
    for key, pattern, seed, size, reps, managers in specs:
        book = make_book(key, pattern, seed, size, reps, managers)
        if key == "mix":
            # A book that mixes every pattern, as a company selling across industries has.
            rng = random.Random(seed + 1)
            for other in ["finance", "health_edu", "retail_logistics"]:
                taken = {b for b in BRANDS if any(b in c["legal_name"] for c in book["customers"])}
                extra = make_book(key, other, seed + len(other), 20, 7, 2, taken)["customers"]
                names = {c["legal_name"] for c in book["customers"]}
                book["customers"].extend(c for c in extra if c["legal_name"] not in names)
            rng.shuffle(book["customers"])
        (out / f"{key}.json").write_text(json.dumps(book, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(key, len(book["customers"]), "customers", sum(len(c["contacts"]) for c in book["customers"]), "contacts")


if __name__ == "__main__":
    main()
