/**
 * Administrative units of Bình Phước before the 2025 reorganisation: 11 district-level units and
 * their 111 communes, wards and townships (names from public records). District centres and
 * areas are approximate and drive the generated demo boundaries, not a survey.
 */
export type DistrictType = 'city' | 'town' | 'district';
export type CommuneType = 'ward' | 'township' | 'commune';

export interface DistrictUnit {
  /** Short code used in source ids, e.g. `dx` → `cam-dx-001`. */
  code: string;
  /** Name without the type prefix, e.g. "Đồng Xoài". */
  baseName: string;
  type: DistrictType;
  /** Approximate seat / centre [lon, lat]. */
  center: [number, number];
  /** Approximate natural area, km² (sizes the generated polygon). */
  areaKm2: number;
  communes: Array<{ baseName: string; type: CommuneType }>;
}

export const PROVINCE = { id: 'bp', baseName: 'Bình Phước', center: [106.93, 11.76] as [number, number] };

const wards = (...names: string[]) => names.map((baseName) => ({ baseName, type: 'ward' as const }));
const townships = (...names: string[]) => names.map((baseName) => ({ baseName, type: 'township' as const }));
const communes = (...names: string[]) => names.map((baseName) => ({ baseName, type: 'commune' as const }));

export const DISTRICTS: DistrictUnit[] = [
  {
    code: 'dx', baseName: 'Đồng Xoài', type: 'city', center: [106.9, 11.54], areaKm2: 169.6,
    communes: [...wards('Tân Phú', 'Tân Bình', 'Tân Đồng', 'Tân Thiện', 'Tân Xuân', 'Tiến Thành'), ...communes('Tân Thành', 'Tiến Hưng')],
  },
  {
    code: 'pl', baseName: 'Phước Long', type: 'town', center: [106.99, 11.84], areaKm2: 118.8,
    communes: [...wards('Long Thủy', 'Long Phước', 'Phước Bình', 'Sơn Giang', 'Thác Mơ'), ...communes('Long Giang', 'Phước Tín')],
  },
  {
    code: 'bl', baseName: 'Bình Long', type: 'town', center: [106.6, 11.65], areaKm2: 126.3,
    communes: [...wards('An Lộc', 'Hưng Chiến', 'Phú Đức', 'Phú Thịnh'), ...communes('Thanh Lương', 'Thanh Phú')],
  },
  {
    code: 'ct', baseName: 'Chơn Thành', type: 'town', center: [106.65, 11.43], areaKm2: 390.4,
    communes: [...wards('Hưng Long', 'Minh Hưng', 'Minh Long', 'Minh Thành', 'Thành Tâm'), ...communes('Minh Lập', 'Minh Thắng', 'Nha Bích', 'Quang Minh')],
  },
  {
    code: 'hq', baseName: 'Hớn Quản', type: 'district', center: [106.6, 11.55], areaKm2: 663.8,
    communes: [
      ...townships('Tân Khai'),
      ...communes('An Khương', 'An Phú', 'Đồng Nơ', 'Minh Đức', 'Minh Tâm', 'Phước An', 'Tân Hiệp', 'Tân Hưng', 'Tân Lợi', 'Tân Quan', 'Thanh An', 'Thanh Bình'),
    ],
  },
  {
    code: 'dp', baseName: 'Đồng Phú', type: 'district', center: [106.95, 11.45], areaKm2: 936.2,
    communes: [
      ...townships('Tân Phú'),
      ...communes('Đồng Tâm', 'Đồng Tiến', 'Tân Hòa', 'Tân Hưng', 'Tân Lập', 'Tân Lợi', 'Tân Phước', 'Tân Tiến', 'Thuận Lợi', 'Thuận Phú'),
    ],
  },
  {
    code: 'bd', baseName: 'Bù Đăng', type: 'district', center: [107.23, 11.77], areaKm2: 1503,
    communes: [
      ...townships('Đức Phong'),
      ...communes(
        'Bình Minh', 'Bom Bo', 'Đăk Nhau', 'Đăng Hà', 'Đoàn Kết', 'Đồng Nai', 'Đức Liễu', 'Đường 10',
        'Minh Hưng', 'Nghĩa Bình', 'Nghĩa Trung', 'Phú Sơn', 'Phước Sơn', 'Thọ Sơn', 'Thống Nhất',
      ),
    ],
  },
  {
    code: 'pr', baseName: 'Phú Riềng', type: 'district', center: [106.93, 11.7], areaKm2: 675,
    communes: communes('Phú Riềng', 'Bình Sơn', 'Bình Tân', 'Bù Nho', 'Long Bình', 'Long Hà', 'Long Hưng', 'Long Tân', 'Phú Trung', 'Phước Tân'),
  },
  {
    code: 'ln', baseName: 'Lộc Ninh', type: 'district', center: [106.58, 11.85], areaKm2: 853.9,
    communes: [
      ...townships('Lộc Ninh'),
      ...communes(
        'Lộc An', 'Lộc Điền', 'Lộc Hiệp', 'Lộc Hòa', 'Lộc Hưng', 'Lộc Khánh', 'Lộc Phú', 'Lộc Quang',
        'Lộc Tấn', 'Lộc Thái', 'Lộc Thạnh', 'Lộc Thành', 'Lộc Thiện', 'Lộc Thịnh', 'Lộc Thuận',
      ),
    ],
  },
  {
    code: 'bgm', baseName: 'Bù Gia Mập', type: 'district', center: [107.1, 12.05], areaKm2: 1064,
    communes: communes('Phú Nghĩa', 'Bình Thắng', 'Bù Gia Mập', 'Đa Kia', 'Đắk Ơ', 'Đức Hạnh', 'Phú Văn', 'Phước Minh'),
  },
  {
    code: 'bdp', baseName: 'Bù Đốp', type: 'district', center: [106.82, 11.99], areaKm2: 378,
    communes: [...townships('Thanh Bình'), ...communes('Hưng Phước', 'Phước Thiện', 'Tân Thành', 'Tân Tiến', 'Thanh Hòa', 'Thiện Hưng')],
  },
];

export const DISTRICT_TYPE_NAME: Record<DistrictType, { vi: string; en: string }> = {
  city: { vi: 'Thành phố', en: 'City' },
  town: { vi: 'Thị xã', en: 'Town' },
  district: { vi: 'Huyện', en: 'District' },
};

export const COMMUNE_TYPE_NAME: Record<CommuneType, { vi: string; en: string }> = {
  ward: { vi: 'Phường', en: 'Ward' },
  township: { vi: 'Thị trấn', en: 'Township' },
  commune: { vi: 'Xã', en: 'Commune' },
};
