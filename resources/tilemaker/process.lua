-- Nida's tilemaker profile: OpenStreetMap → the street basemap the console draws
-- (src-renderer/features/map/streetStyle.ts reads these layers and attributes).
--
--   roads      line    class (motorway … service, path), link (1 on ramps), name, name_en, ref
--   buildings  area    (no attributes), zoom 14 only: MapLibre overzooms it to 18
--   pois       point   class (hospital, police, fire_station, mosque, school, university,
--                      marketplace, fuel), name, name_en
--   water      area    class (water, river, canal) — lakes and rivers as areas, and waterway lines
--
-- `name` is what an Iraqi dispatcher reads: name:ar, else name. `name_en` is name:en, else the plain
-- name when it is written in Latin letters. Keep the classes in step with tags-filter.txt (what osmium
-- keeps for this script), src-renderer/features/map/streetStyle.ts (how they are drawn) and
-- src-main/cli/map/osmPois.ts (the same points of interest for the gazetteer).

node_keys = { "amenity", "healthcare", "shop" }

function init_function()
end

function exit_function()
end

-- Lead bytes of the UTF-8 encoding of U+0600–U+06FF (Arabic).
local function has_arabic(text)
  return string.find(text, "[\216-\219]") ~= nil
end

local function set_names(object)
  local name = object:Find("name")
  local arabic = object:Find("name:ar")
  local english = object:Find("name:en")
  if arabic ~= "" then
    object:Attribute("name", arabic)
  elseif name ~= "" then
    object:Attribute("name", name)
  end
  if english ~= "" then
    object:Attribute("name_en", english)
  elseif name ~= "" and not has_arabic(name) then
    object:Attribute("name_en", name)
  end
end

-- The point of interest class of an object, or nil: what a dispatcher navigates by.
local function poi_class(object)
  local amenity = object:Find("amenity")
  if amenity == "hospital" or object:Find("healthcare") == "hospital" then return "hospital" end
  if amenity == "police" then return "police" end
  -- Iraq's civil defence runs the fire stations.
  if amenity == "fire_station" then return "fire_station" end
  if amenity == "place_of_worship" and object:Find("religion") == "muslim" then return "mosque" end
  if amenity == "school" then return "school" end
  if amenity == "university" or amenity == "college" then return "university" end
  if amenity == "marketplace" or object:Find("shop") == "mall" then return "marketplace" end
  if amenity == "fuel" then return "fuel" end
  return nil
end

-- Lower classes appear later: a main road from zoom 8, a street from 12, a service way from 14.
local road_classes = {
  motorway = { "motorway", 8 }, motorway_link = { "motorway", 10 },
  trunk = { "trunk", 8 }, trunk_link = { "trunk", 10 },
  primary = { "primary", 9 }, primary_link = { "primary", 11 },
  secondary = { "secondary", 10 }, secondary_link = { "secondary", 12 },
  tertiary = { "tertiary", 11 }, tertiary_link = { "tertiary", 12 },
  unclassified = { "residential", 12 }, residential = { "residential", 12 },
  living_street = { "residential", 13 }, road = { "residential", 13 },
  service = { "service", 14 }, pedestrian = { "path", 14 }, track = { "path", 14 },
}

local road_order = { motorway = 7, trunk = 6, primary = 5, secondary = 4, tertiary = 3, residential = 2, service = 1, path = 0 }

function node_function(node)
  local class = poi_class(node)
  if class then
    node:Layer("pois", false)
    node:Attribute("class", class)
    set_names(node)
  end
end

function way_function(way)
  local highway = way:Find("highway")
  local road = road_classes[highway]
  if road and way:Find("area") ~= "yes" then
    way:Layer("roads", false)
    way:MinZoom(road[2])
    way:ZOrder(road_order[road[1]])
    way:Attribute("class", road[1])
    if string.find(highway, "_link$") then way:AttributeNumeric("link", 1) end
    set_names(way)
    local ref = way:Find("ref")
    if ref ~= "" then way:Attribute("ref", ref) end
  end

  local is_closed = way:IsClosed()
  local waterway = way:Find("waterway")
  if is_closed and (way:Find("natural") == "water" or waterway == "riverbank" or way:Find("landuse") == "reservoir") then
    way:Layer("water", true)
    way:Attribute("class", "water")
    -- Small ponds only at street level.
    if way:Area() < 50000 then way:MinZoom(12) end
  elseif waterway == "river" or waterway == "canal" then
    way:Layer("water", false)
    way:Attribute("class", waterway)
    if waterway == "canal" then way:MinZoom(11) end
    set_names(way)
  end

  if is_closed and way:Find("building") ~= "" then
    way:Layer("buildings", true)
  end

  local class = poi_class(way)
  if class then
    way:LayerAsCentroid("pois")
    way:Attribute("class", class)
    set_names(way)
  end
end
