import type { Position } from '../../geo/polygon.js';
import { DISTRICTS } from '../../geo/binh-phuoc-units.js';
import { districtByCode, districtId } from '../../geo/region-ids.js';
import { placeInside, placeNear } from '../placement.js';
import { profileCount, profileParams } from '../sector-manifests.js';
import { districtOffice } from './district-offices.js';
import { modelledSource, shareOut, takeCount, type BuildContext, type ModelledSource } from './modelled-source.js';

interface Attraction {
  id: string;
  name: string;
  district: string;
  at: Position;
  /** Visitors relative to an ordinary site. */
  draw: number;
  /** Ticket price, thousand VND (default: the profile's). */
  priceKvnd?: number;
  category: 'mountain' | 'nature' | 'heritage' | 'lake';
}

/**
 * The province's ticketed attractions, in the profile's order. Núi Bà Rá's cable car draws about
 * four times an ordinary site and costs more; positions are approximate.
 */
const ATTRACTIONS: Attraction[] = [
  { id: 'gate-nui-ba-ra', name: 'Khu du lịch Núi Bà Rá – cáp treo', district: 'pl', at: [106.968, 11.835], draw: 4, priceKvnd: 150, category: 'mountain' },
  { id: 'gate-trang-co-bu-lach', name: 'Khu du lịch sinh thái Trảng cỏ Bù Lạch', district: 'bd', at: [107.33, 11.98], draw: 0.8, category: 'nature' },
  { id: 'gate-soc-bom-bo', name: 'Khu bảo tồn văn hóa dân tộc S’tiêng Sóc Bom Bo', district: 'bd', at: [107.19, 11.9], draw: 0.6, category: 'heritage' },
  { id: 'gate-vqg-bu-gia-map', name: 'Vườn quốc gia Bù Gia Mập', district: 'bgm', at: [107.17, 12.15], draw: 0.5, priceKvnd: 60, category: 'nature' },
  { id: 'gate-can-cu-ta-thiet', name: 'Khu di tích Căn cứ Tà Thiết', district: 'ln', at: [106.5, 11.73], draw: 0.4, category: 'heritage' },
  { id: 'gate-ho-suoi-lam', name: 'Khu du lịch Hồ Suối Lam', district: 'dx', at: [106.93, 11.51], draw: 1, category: 'lake' },
  { id: 'gate-ho-suoi-cam', name: 'Công viên Hồ Suối Cam', district: 'dx', at: [106.885, 11.545], draw: 1.3, priceKvnd: 20, category: 'lake' },
  { id: 'gate-thac-mo', name: 'Khu du lịch Thác Mơ', district: 'pl', at: [107.0, 11.86], draw: 0.7, category: 'lake' },
];

/** Rooms relative to an average district: the city, the Bà Rá town and the industrial town have most. */
const ROOM_WEIGHT: Record<string, number> = { dx: 2.2, pl: 1.4, bl: 1, ct: 1.4, hq: 0.6, dp: 0.8, bd: 0.9, pr: 0.5, ln: 0.9, bgm: 0.6, bdp: 0.7 };

/** Ticket gates at attractions: gate-nui-ba-ra, gate-ho-suoi-cam, ... */
export function buildAttractionGates(ctx: BuildContext): ModelledSource[] {
  const p = profileParams('tourism', 'attraction-gate', { weekdayVisitors: 350, ticketsPerVisitor: 0.85, ticketPriceKvnd: 40, meanStayH: 2.5 });
  return takeCount(ATTRACTIONS, profileCount('tourism', 'attraction-gate', ATTRACTIONS.length), 'attractions').map((a) =>
    modelledSource(
      {
        id: a.id,
        sector: 'tourism',
        kind: 'attraction-gate',
        name: a.name,
        placement: placeInside(ctx.regions, districtId(districtByCode(a.district)), a.at),
        attributes: { category: a.category, ticketPriceKvnd: a.priceKvnd ?? p.ticketPriceKvnd },
        behaviour: {
          behaviour: 'attraction-gate',
          weekdayVisitors: Math.round(p.weekdayVisitors * a.draw),
          ticketsPerVisitor: p.ticketsPerVisitor,
          ticketPriceKvnd: a.priceKvnd ?? p.ticketPriceKvnd,
          meanStayH: a.draw > 2 ? p.meanStayH * 1.4 : p.meanStayH,
        },
      },
      ctx.seed,
    ),
  );
}

/** One accommodation-registration feed per district: lt-dong-xoai, lt-phuoc-long, ... */
export function buildAccommodationFeeds(ctx: BuildContext): ModelledSource[] {
  const random = ctx.random.fork('accommodation');
  const p = profileParams('tourism', 'accommodation', { roomsPerDistrict: 550, baseOccupancy: 0.5, checkinsPerRoomPerDay: 0.45, internationalShare: 0.01 });
  const districts = takeCount(DISTRICTS, profileCount('tourism', 'accommodation', DISTRICTS.length), 'accommodation feeds');
  const rooms = shareOut(districts.map((d) => ROOM_WEIGHT[d.code] ?? 1), p.roomsPerDistrict * districts.length);
  return districts.map((d, k) => {
    const office = districtOffice(d);
    return modelledSource(
      {
        id: `lt-${office.slug}`,
        sector: 'tourism',
        kind: 'accommodation',
        name: `Khai báo lưu trú ${office.unitName}`,
        placement: placeNear(ctx.regions, districtId(d), d.center, 0.01, random),
        attributes: { system: 'khai báo lưu trú (Bộ Công an)', establishments: Math.round((rooms[k] ?? 0) / 15) },
        behaviour: {
          behaviour: 'accommodation',
          rooms: Math.round(rooms[k] ?? p.roomsPerDistrict),
          baseOccupancy: p.baseOccupancy,
          checkinsPerRoomPerDay: p.checkinsPerRoomPerDay,
          // Border districts with the Hoa Lư gate see more foreign guests.
          internationalShare: d.code === 'ln' ? p.internationalShare * 3 : p.internationalShare,
        },
      },
      ctx.seed,
    );
  });
}
