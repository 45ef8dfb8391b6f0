import type { RoadId, SecurityPlace } from '../source-profile.js';

/**
 * The provincial camera plan in three phases (004:l710-733). Phase 1: 29 sites, 46 cameras in
 * six district-level units (6 violation sites, 23 security sites). Phase 2: 17 sites on QL13,
 * QL14 and ĐT741 (4 red-light, 9 speed, 4 province-gateway security). Phase 3: one more speed
 * site and 12 more security sites. Site names are plausible landmarks, not the plan's list.
 */
export type CameraPurpose = 'violation' | 'red-light' | 'speed' | 'security' | 'gateway';

export type CameraSiteLocation =
  /** Near a district seat (district code), within `radiusDeg`. */
  | { district: string; radiusDeg: number }
  /** A fraction of the way along a trunk road. */
  | { road: RoadId; fraction: number };

export interface CameraSite {
  phase: 1 | 2 | 3;
  purpose: CameraPurpose;
  name: string;
  cameras: number;
  at: CameraSiteLocation;
  /** What a security camera looks at (drives crowd size). */
  place?: SecurityPlace;
  road?: RoadId;
}

const near = (district: string, radiusDeg = 0.018): CameraSiteLocation => ({ district, radiusDeg });
const along = (road: RoadId, fraction: number): CameraSiteLocation => ({ road, fraction });

const violation = (name: string, district: string, road: RoadId): CameraSite => ({ phase: 1, purpose: 'violation', name, cameras: 2, at: near(district, 0.012), road });
const security = (phase: 1 | 3, name: string, district: string, place: SecurityPlace, cameras = 1, radiusDeg?: number): CameraSite => ({
  phase, purpose: 'security', name, cameras, at: near(district, radiusDeg), place,
});

export const PHASE_1_SITES: CameraSite[] = [
  violation('Ngã tư Đồng Xoài (QL14 – ĐT741)', 'dx', 'QL14'),
  violation('Nút giao QL14 – đường Phú Riềng Đỏ', 'dx', 'QL14'),
  violation('Nút giao ĐT741 – đường Hùng Vương', 'dx', 'DT741'),
  security(1, 'Quảng trường tỉnh Bình Phước', 'dx', 'square', 2),
  security(1, 'Chợ Đồng Xoài', 'dx', 'market', 2),
  security(1, 'Bến xe khách Đồng Xoài', 'dx', 'bus-station', 2),
  security(1, 'Tượng đài Chiến thắng Đồng Xoài', 'dx', 'park', 2),
  security(1, 'Trung tâm Hành chính tỉnh', 'dx', 'public-building', 2),
  security(1, 'Bệnh viện Đa khoa tỉnh – cổng chính', 'dx', 'public-building'),
  security(1, 'Hồ Suối Cam', 'dx', 'waterside'),
  security(1, 'Trường THPT chuyên Quang Trung – cổng trường', 'dx', 'school-gate'),
  security(1, 'Nút giao đường Trần Hưng Đạo – Hùng Vương', 'dx', 'junction'),
  security(1, 'Khu công nghiệp Đồng Xoài I – cổng chính', 'dx', 'junction', 1, 0.04),
  security(1, 'Trung tâm thương mại Đồng Xoài', 'dx', 'market'),
  violation('Ngã ba Phước Bình (ĐT741)', 'pl', 'DT741'),
  security(1, 'Chợ Phước Bình', 'pl', 'market', 2),
  security(1, 'Chợ Phước Long', 'pl', 'market', 2),
  security(1, 'Khu du lịch núi Bà Rá – chân núi', 'pl', 'park', 2),
  security(1, 'Hồ Long Thủy', 'pl', 'waterside'),
  security(1, 'Quảng trường thị xã Phước Long', 'pl', 'square'),
  security(1, 'Bến xe Phước Long', 'pl', 'bus-station'),
  security(1, 'Đập thủy điện Thác Mơ', 'pl', 'waterside', 1, 0.03),
  security(1, 'Trung tâm Y tế thị xã Phước Long – cổng', 'pl', 'public-building'),
  violation('Nút giao QL13 – trung tâm An Lộc', 'bl', 'QL13'),
  security(1, 'Chợ Bình Long', 'bl', 'market', 2),
  security(1, 'Khu di tích Đồi Đồng Long', 'bl', 'park', 1, 0.025),
  security(1, 'Trung tâm thị trấn Tân Khai (QL13)', 'hq', 'junction', 2),
  violation('Ngã tư Chơn Thành (QL13 – QL14)', 'ct', 'QL13'),
  security(1, 'Trung tâm thị trấn Tân Phú', 'dp', 'square', 2),
];

const redLight = (name: string, road: RoadId, fraction: number): CameraSite => ({ phase: 2, purpose: 'red-light', name, cameras: 2, at: along(road, fraction), road });
const speed = (phase: 2 | 3, name: string, road: RoadId, fraction: number): CameraSite => ({ phase, purpose: 'speed', name, cameras: 1, at: along(road, fraction), road });
const gateway = (name: string, road: RoadId, fraction: number): CameraSite => ({ phase: 2, purpose: 'gateway', name, cameras: 2, at: along(road, fraction), road, place: 'gateway' });

export const PHASE_2_SITES: CameraSite[] = [
  redLight('Nút giao QL13 – thị trấn Lộc Ninh', 'QL13', 0.8),
  redLight('Nút giao QL13 – thị trấn Tân Khai', 'QL13', 0.345),
  redLight('Nút giao QL14 – thị trấn Đức Phong', 'QL14', 0.77),
  redLight('Nút giao ĐT741 – trung tâm xã Phú Riềng', 'DT741', 0.5),
  speed(2, 'QL13 đoạn Chơn Thành – Tân Khai', 'QL13', 0.26),
  speed(2, 'QL13 đoạn Tân Khai – An Lộc', 'QL13', 0.43),
  speed(2, 'QL13 đoạn An Lộc – Lộc Ninh', 'QL13', 0.66),
  speed(2, 'QL14 đoạn Chơn Thành – Đồng Xoài', 'QL14', 0.16),
  speed(2, 'QL14 đoạn Đồng Xoài – Đồng Phú', 'QL14', 0.45),
  speed(2, 'QL14 đoạn Đồng Phú – Bù Đăng', 'QL14', 0.55),
  speed(2, 'QL14 đoạn Bù Đăng – Đắk Nông', 'QL14', 0.88),
  speed(2, 'ĐT741 đoạn Đồng Phú – Bình Dương', 'DT741', 0.1),
  speed(2, 'ĐT741 đoạn Phú Riềng – Phước Long', 'DT741', 0.6),
  gateway('Cửa ngõ phía Nam QL13 (giáp Bình Dương)', 'QL13', 0.03),
  gateway('Cửa ngõ QL13 – cửa khẩu Hoa Lư', 'QL13', 0.97),
  gateway('Cửa ngõ QL14 (giáp Đắk Nông)', 'QL14', 0.97),
  gateway('Cửa ngõ ĐT741 (giáp Bình Dương)', 'DT741', 0.03),
];

export const PHASE_3_SITES: CameraSite[] = [
  speed(3, 'QL14 đoạn Minh Hưng – Đức Liễu', 'QL14', 0.68),
  security(3, 'Chợ Đức Phong', 'bd', 'market'),
  security(3, 'Trung tâm thị trấn Đức Phong', 'bd', 'square'),
  security(3, 'Chợ Phú Riềng', 'pr', 'market'),
  security(3, 'Trung tâm Hành chính huyện Phú Riềng', 'pr', 'public-building'),
  security(3, 'Chợ Lộc Ninh', 'ln', 'market'),
  security(3, 'Quảng trường thị trấn Lộc Ninh', 'ln', 'square'),
  security(3, 'Trung tâm Hành chính huyện Bù Gia Mập', 'bgm', 'public-building'),
  security(3, 'Chợ Phú Nghĩa', 'bgm', 'market'),
  security(3, 'Chợ Thanh Bình', 'bdp', 'market'),
  security(3, 'Trung tâm thị trấn Thanh Bình', 'bdp', 'square'),
  security(3, 'Khu công nghiệp Minh Hưng – Hàn Quốc', 'ct', 'junction', 1, 0.05),
  security(3, 'Khu công nghiệp Bắc Đồng Phú', 'dp', 'junction', 1, 0.05),
];

export const CAMERA_PLAN: readonly CameraSite[] = [...PHASE_1_SITES, ...PHASE_2_SITES, ...PHASE_3_SITES];
