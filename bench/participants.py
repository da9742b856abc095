"""Organisations the benchmark generator draws its participants from.

Chinese participants carry Chinese names, foreign ones their English (or own-language)
names, as real proposals write them. Universities, institutes and hospitals are real
public bodies; enterprise names are either well-known firms or, for Chinese SMEs, made up
from a city, a brand and a trade (they are synthetic: nothing here says any of them ever
applied). Countries without a list of their own get plausible names made from the
country's English name, so every member of the EU, the Arab states and GEO can appear.
"""

from __future__ import annotations

import random

__all__ = ["CN", "FOREIGN", "chinese_enterprise", "foreign_name"]

# type → names, for Chinese participants (type keys as in docs/proposals.md)
CN: dict[str, list[str]] = {
    "university": [
        "清华大学", "北京大学", "浙江大学", "上海交通大学", "复旦大学", "南京大学",
        "中国科学技术大学", "华中科技大学", "武汉大学", "中山大学", "哈尔滨工业大学",
        "西安交通大学", "同济大学", "天津大学", "东南大学", "北京航空航天大学", "四川大学",
        "山东大学", "吉林大学", "大连理工大学", "中国农业大学", "华南理工大学", "厦门大学",
        "兰州大学", "北京理工大学", "南开大学", "重庆大学", "中南大学", "电子科技大学",
        "东北大学", "西北工业大学", "中国海洋大学", "华东师范大学", "南京农业大学",
        "北京科技大学", "中国矿业大学", "河海大学", "江南大学", "北京交通大学", "合肥工业大学",
    ],
    "research_institute": [
        "中国科学院物理研究所", "中国科学院化学研究所", "中国科学院大连化学物理研究所",
        "中国科学院空天信息创新研究院", "中国科学院地理科学与资源研究所",
        "中国科学院微生物研究所", "中国科学院自动化研究所", "中国科学院电工研究所",
        "中国科学院广州能源研究所", "中国科学院生态环境研究中心", "中国科学院深圳先进技术研究院",
        "中国科学院沈阳自动化研究所", "中国科学院上海药物研究所",
        "中国科学院遗传与发育生物学研究所",
        "中国科学院大气物理研究所", "中国科学院宁波材料技术与工程研究所", "国家纳米科学中心",
        "中国农业科学院作物科学研究所", "中国农业科学院农业资源与农业区划研究所",
        "中国医学科学院药物研究所", "中国疾病预防控制中心", "中国环境科学研究院",
        "中国汽车技术研究中心有限公司", "机械工业仪器仪表综合技术经济研究所",
        "中国电子技术标准化研究院", "国家海洋技术中心", "中国气象科学研究院",
        "中国地质科学院", "中国林业科学研究院", "中国水利水电科学研究院",
    ],
    "hospital": [
        "北京协和医院", "四川大学华西医院", "复旦大学附属中山医院", "中南大学湘雅医院",
        "浙江大学医学院附属第一医院", "上海交通大学医学院附属瑞金医院", "中山大学附属第一医院",
        "华中科技大学同济医学院附属同济医院", "北京大学第一医院", "首都医科大学附属北京朝阳医院",
        "中国人民解放军总医院", "山东大学齐鲁医院", "武汉大学人民医院", "郑州大学第一附属医院",
    ],
    "enterprise": [
        "潍柴动力股份有限公司", "中国第一汽车集团有限公司", "比亚迪股份有限公司",
        "宁德时代新能源科技股份有限公司", "三一重工股份有限公司", "海尔集团公司",
        "京东方科技集团股份有限公司", "中国中车股份有限公司", "国家电网有限公司",
        "隆基绿能科技股份有限公司", "金风科技股份有限公司", "上海汽车集团股份有限公司",
        "中国石油化工股份有限公司", "沈阳新松机器人自动化股份有限公司", "科大讯飞股份有限公司",
        "华大基因股份有限公司", "江苏恒瑞医药股份有限公司", "中国航天科技集团有限公司",
    ],
    "government": ["国家卫星气象中心", "自然资源部国土卫星遥感应用中心", "国家基础地理信息中心"],
}

_CITIES = ["北京", "上海", "深圳", "杭州", "苏州", "南京", "合肥", "成都", "武汉", "西安",
           "广州", "天津", "青岛", "宁波", "无锡", "长沙", "厦门", "大连", "济南", "重庆"]
_BRANDS = ["华芯", "中科", "瀚海", "远景", "启明", "睿创", "天合", "博瑞", "联影", "云智",
           "星河", "恒通", "凯盛", "鼎力", "同创", "安泰", "海川", "金源", "蓝箭", "新绿"]
_TRADES = ["智能装备", "新能源", "生物医药", "新材料", "信息技术", "环保科技", "精密仪器",
           "农业科技", "医疗器械", "汽车电子", "储能技术", "遥感信息", "工业软件", "氢能科技"]
_SUFFIXES = ["科技有限公司", "股份有限公司", "技术有限公司", "科技股份有限公司"]


def chinese_enterprise(rng: random.Random) -> str:
    """A made-up Chinese company name: city + brand + trade + legal form."""
    return (rng.choice(_CITIES) + rng.choice(_BRANDS) + rng.choice(_TRADES)
            + rng.choice(_SUFFIXES))


# country → type → names
FOREIGN: dict[str, dict[str, list[str]]] = {
    "US": {
        "university": ["Massachusetts Institute of Technology", "Stanford University",
                       "University of California, Berkeley", "University of Michigan",
                       "Purdue University", "Georgia Institute of Technology",
                       "University of Illinois Urbana-Champaign", "West Virginia University"],
        "research_institute": ["Lawrence Berkeley National Laboratory",
                               "Oak Ridge National Laboratory",
                               "National Renewable Energy Laboratory",
                               "Argonne National Laboratory",
                               "Pacific Northwest National Laboratory"],
        "enterprise": ["Cummins Inc.", "Eaton Corporation", "PACCAR Inc.", "Navistar, Inc."],
        "hospital": ["Johns Hopkins Hospital", "Mayo Clinic"],
    },
    "NZ": {
        "university": ["University of Auckland", "Massey University", "University of Otago",
                       "Victoria University of Wellington", "University of Canterbury",
                       "Lincoln University"],
        "research_institute": ["AgResearch", "Plant & Food Research", "GNS Science", "NIWA",
                               "Scion", "Manaaki Whenua – Landcare Research"],
        "enterprise": ["Fonterra Co-operative Group", "Zespri International"],
        "hospital": ["Auckland City Hospital"],
    },
    "IL": {
        "university": ["Tel Aviv University", "Hebrew University of Jerusalem",
                       "Technion – Israel Institute of Technology",
                       "Weizmann Institute of Science", "Ben-Gurion University of the Negev",
                       "Bar-Ilan University", "University of Haifa"],
        "research_institute": ["Agricultural Research Organization – Volcani Center",
                               "Israel Oceanographic and Limnological Research"],
        "enterprise": ["Netafim Ltd", "Teva Pharmaceutical Industries Ltd", "Mobileye",
                       "SolarEdge Technologies", "Orbotech Ltd", "Medtronic Israel"],
        "hospital": ["Sheba Medical Center", "Hadassah Medical Center",
                     "Rambam Health Care Campus"],
    },
    "JP": {
        "university": ["The University of Tokyo", "Kyoto University", "Osaka University",
                       "Tohoku University", "Nagoya University", "Kyushu University",
                       "Hokkaido University", "Tokyo Institute of Technology",
                       "Osaka Metropolitan University", "Tokyo Metropolitan University"],
        "research_institute": ["RIKEN", "National Institute for Materials Science",
                               "National Institute of Advanced Industrial Science and Technology",
                               "Japan Agency for Marine-Earth Science and Technology",
                               "National Institute for Environmental Studies"],
        "enterprise": ["Toyota Motor Corporation", "Hitachi, Ltd.", "Panasonic Corporation",
                       "Toshiba Corporation", "Mitsubishi Heavy Industries, Ltd.",
                       "Fujitsu Limited", "Kubota Corporation"],
        "hospital": ["The University of Tokyo Hospital", "Kyoto University Hospital"],
    },
    "KR": {
        "university": ["Seoul National University", "KAIST", "POSTECH", "Yonsei University",
                       "Korea University", "Sungkyunkwan University", "Hanyang University"],
        "research_institute": ["Korea Institute of Science and Technology",
                               "Korea Institute of Energy Research",
                               "Electronics and Telecommunications Research Institute",
                               "Korea Institute of Machinery and Materials"],
        "enterprise": ["Samsung Electronics Co., Ltd.", "LG Energy Solution, Ltd.",
                       "Hyundai Motor Company", "SK Innovation Co., Ltd.",
                       "Doosan Enerbility Co., Ltd.", "POSCO"],
        "hospital": ["Seoul National University Hospital", "Samsung Medical Center",
                     "Asan Medical Center"],
    },
    "MN": {
        "university": ["National University of Mongolia",
                       "Mongolian University of Science and Technology",
                       "Mongolian University of Life Sciences"],
        "research_institute": ["Institute of Physics and Technology, Mongolian Academy of "
                               "Sciences", "Institute of Geography and Geoecology",
                               "Mongolian Academy of Sciences"],
        "enterprise": ["Erdenet Mining Corporation", "Oyu Tolgoi LLC"],
        "hospital": ["First Central Hospital of Mongolia"],
    },
    "ZA": {
        "university": ["University of Cape Town", "University of the Witwatersrand",
                       "Stellenbosch University", "University of Pretoria",
                       "University of KwaZulu-Natal", "Rhodes University"],
        "research_institute": ["Council for Scientific and Industrial Research",
                               "South African National Biodiversity Institute",
                               "Agricultural Research Council", "South African Medical "
                               "Research Council", "Mintek"],
        "enterprise": ["Sasol Limited", "Eskom Holdings SOC Ltd"],
        "hospital": ["Groote Schuur Hospital", "Chris Hani Baragwanath Academic Hospital"],
    },
    "EG": {
        "university": ["Cairo University", "Ain Shams University", "Alexandria University",
                       "Mansoura University", "Zewail City of Science and Technology",
                       "American University in Cairo"],
        "research_institute": ["National Research Centre", "Agricultural Research Center",
                               "National Authority for Remote Sensing and Space Sciences",
                               "Egyptian Petroleum Research Institute"],
        "enterprise": ["Elsewedy Electric", "Orascom Construction"],
        "hospital": ["Kasr Al Ainy Hospital"],
    },
    "SG": {
        "university": ["National University of Singapore", "Nanyang Technological University",
                       "Singapore University of Technology and Design"],
        "research_institute": ["Institute of Materials Research and Engineering (A*STAR)",
                               "Singapore Institute of Manufacturing Technology",
                               "Genome Institute of Singapore"],
        "enterprise": ["ST Engineering", "Sembcorp Industries"],
        "hospital": ["Singapore General Hospital", "National University Hospital"],
    },
    "ES": {
        "university": ["Universidad Politécnica de Madrid", "Universitat de Barcelona",
                       "Universidad Autónoma de Madrid", "Universitat Politècnica de València",
                       "Universidad de Granada"],
        "research_institute": ["Consejo Superior de Investigaciones Científicas", "CIEMAT",
                               "Tecnalia Research & Innovation",
                               "Barcelona Supercomputing Center"],
        "enterprise": ["Iberdrola S.A.", "Indra Sistemas S.A.", "Telefónica S.A.",
                       "Grifols S.A.", "Siemens Gamesa Renewable Energy S.A."],
        "hospital": ["Hospital Clínic de Barcelona", "Hospital Universitario La Paz"],
    },
    "CY": {
        "university": ["University of Cyprus", "Cyprus University of Technology",
                       "University of Nicosia"],
        "research_institute": ["The Cyprus Institute", "Agricultural Research Institute",
                               "CYENS Centre of Excellence"],
        "enterprise": ["Medochemie Ltd", "Primetel PLC"],
        "hospital": ["Nicosia General Hospital"],
    },
    "BE": {
        "university": ["KU Leuven", "Ghent University", "Université catholique de Louvain",
                       "Université libre de Bruxelles", "Université de Liège",
                       "University of Antwerp", "Université de Mons"],
        "research_institute": ["imec", "VITO", "Royal Belgian Institute of Natural Sciences",
                               "Sciensano", "Centre wallon de Recherches agronomiques"],
        "enterprise": ["Umicore", "Solvay S.A.", "UCB S.A.", "Barco N.V.",
                       "Ion Beam Applications S.A."],
        "hospital": ["UZ Leuven", "CHU de Liège"],
    },
    "AT": {
        "university": ["University of Vienna", "TU Wien", "Graz University of Technology",
                       "University of Innsbruck", "Johannes Kepler University Linz",
                       "BOKU University"],
        "research_institute": ["AIT Austrian Institute of Technology",
                               "Austrian Academy of Sciences", "Joanneum Research"],
        "enterprise": ["voestalpine AG", "AVL List GmbH", "Andritz AG",
                       "Infineon Technologies Austria AG"],
        "hospital": ["Vienna General Hospital"],
    },
    "FI": {
        "university": ["University of Helsinki", "Aalto University", "University of Oulu",
                       "Tampere University", "University of Turku", "LUT University"],
        "research_institute": ["VTT Technical Research Centre of Finland",
                               "Finnish Meteorological Institute",
                               "Natural Resources Institute Finland",
                               "Finnish Environment Institute"],
        "enterprise": ["Nokia Oyj", "Wärtsilä Oyj", "Kone Oyj", "Valmet Oyj", "Neste Oyj",
                       "Fortum Oyj"],
        "hospital": ["Helsinki University Hospital"],
    },
    "DE": {
        "university": ["Technische Universität München", "RWTH Aachen University",
                       "Karlsruher Institut für Technologie", "Technische Universität Berlin",
                       "Universität Stuttgart", "Technische Universität Dresden",
                       "Ludwig-Maximilians-Universität München", "Universität Heidelberg"],
        "research_institute": ["Fraunhofer-Institut für Produktionstechnik und "
                               "Automatisierung IPA", "Fraunhofer-Institut für "
                               "Werkzeugmaschinen und Umformtechnik IWU",
                               "Deutsches Zentrum für Luft- und Raumfahrt",
                               "Helmholtz-Zentrum für Infektionsforschung",
                               "Max-Planck-Institut für Infektionsbiologie",
                               "Deutsches Forschungszentrum für Künstliche Intelligenz"],
        "enterprise": ["Siemens AG", "Robert Bosch GmbH", "SAP SE", "Festo SE & Co. KG",
                       "TRUMPF GmbH + Co. KG", "Volkswagen AG", "BMW AG", "Continental AG",
                       "Infineon Technologies AG", "BASF SE", "Bayer AG"],
        "hospital": ["Charité – Universitätsmedizin Berlin", "Universitätsklinikum Heidelberg",
                     "Universitätsklinikum Hamburg-Eppendorf"],
    },
    "HU": {
        "university": ["Budapest University of Technology and Economics",
                       "Eötvös Loránd University", "University of Szeged",
                       "University of Debrecen", "Semmelweis University"],
        "research_institute": ["Wigner Research Centre for Physics",
                               "Institute for Computer Science and Control (SZTAKI)",
                               "Centre for Agricultural Research"],
        "enterprise": ["Richter Gedeon Nyrt.", "MOL Group", "Graphisoft SE"],
        "hospital": ["Semmelweis University Clinical Center"],
    },
    "FR": {
        "university": ["Sorbonne Université", "Université Paris-Saclay",
                       "Université Grenoble Alpes", "Université de Strasbourg",
                       "École Polytechnique"],
        "research_institute": ["CNRS", "CEA", "INRAE", "Inserm", "Institut Pasteur"],
        "enterprise": ["Airbus SE", "Schneider Electric SE", "Thales S.A.", "Sanofi S.A."],
        "hospital": ["Hôpital de la Pitié-Salpêtrière"],
    },
    "IT": {
        "university": ["Politecnico di Milano", "Sapienza Università di Roma",
                       "Università di Bologna", "Politecnico di Torino"],
        "research_institute": ["Consiglio Nazionale delle Ricerche", "ENEA",
                               "Istituto Italiano di Tecnologia"],
        "enterprise": ["Enel S.p.A.", "Leonardo S.p.A.", "Pirelli & C. S.p.A."],
        "hospital": ["Ospedale San Raffaele"],
    },
    "NL": {
        "university": ["Delft University of Technology", "Wageningen University & Research",
                       "Eindhoven University of Technology", "Utrecht University"],
        "research_institute": ["TNO", "Deltares", "Netherlands Cancer Institute"],
        "enterprise": ["Koninklijke Philips N.V.", "ASML Holding N.V.", "DSM N.V."],
        "hospital": ["Erasmus MC"],
    },
    "SE": {
        "university": ["KTH Royal Institute of Technology", "Lund University",
                       "Chalmers University of Technology", "Uppsala University"],
        "research_institute": ["RISE Research Institutes of Sweden", "Karolinska Institutet"],
        "enterprise": ["Ericsson AB", "Volvo AB", "ABB AB"],
        "hospital": ["Karolinska University Hospital"],
    },
    "AU": {
        "university": ["University of Melbourne", "Australian National University",
                       "University of New South Wales", "University of Queensland"],
        "research_institute": ["CSIRO", "Geoscience Australia"],
        "enterprise": ["Nearmap Ltd"],
        "government": ["Bureau of Meteorology"],
    },
    "CA": {
        "university": ["University of Toronto", "McGill University",
                       "University of British Columbia"],
        "research_institute": ["National Research Council Canada"],
        "government": ["Canada Centre for Mapping and Earth Observation"],
    },
    "SA": {
        "university": ["King Abdullah University of Science and Technology",
                       "King Saud University"],
        "research_institute": ["King Abdulaziz City for Science and Technology"],
        "enterprise": ["Saudi Basic Industries Corporation"],
    },
    "AE": {
        "university": ["Khalifa University", "United Arab Emirates University"],
        "research_institute": ["Masdar Institute"],
        "enterprise": ["Masdar"],
    },
    "MA": {
        "university": ["Mohammed VI Polytechnic University", "Université Mohammed V de Rabat"],
        "research_institute": ["Institut National de la Recherche Agronomique"],
        "enterprise": ["OCP Group"],
    },
    "TN": {
        "university": ["Université de Tunis El Manar", "Université de Sfax"],
        "research_institute": ["Institut Pasteur de Tunis", "Centre de Biotechnologie de Sfax"],
    },
    "JO": {
        "university": ["University of Jordan", "Jordan University of Science and Technology"],
        "research_institute": ["Royal Scientific Society"],
    },
    "LB": {
        "university": ["American University of Beirut", "Lebanese University"],
        "research_institute": ["National Council for Scientific Research"],
    },
}

_GENERIC = {
    "university": ["University of {c}", "{c} University of Technology",
                   "National University of {c}"],
    "research_institute": ["{c} National Research Centre", "{c} Institute of Science",
                           "{c} Agricultural Research Institute"],
    "enterprise": ["{c} Technologies Ltd", "{c} Engineering Group", "{c} Energy Company"],
    "hospital": ["{c} National Hospital", "{c} University Hospital"],
    "government": ["{c} Space Agency", "{c} Meteorological Service"],
}


def foreign_name(rng: random.Random, country: str, country_en: str, kind: str) -> str:
    """A name for a foreign participant of `kind` from `country`: one of the country's
    listed bodies, else a plausible one made from the country's English name."""
    names = FOREIGN.get(country, {}).get(kind)
    if names:
        return rng.choice(names)
    return rng.choice(_GENERIC[kind]).format(c=country_en)
