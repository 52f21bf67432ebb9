using System.Net;
using System.Net.Sockets;

namespace Herald.Registry;

/// <summary>Picks the source address of one synthetic report row; a picker without space of the asked family gives the other.</summary>
public delegate IPAddress AddressPicker(DeterministicRandom random, AddressFamily family);
